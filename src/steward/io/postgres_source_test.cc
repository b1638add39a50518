#include "steward/io/postgres_source.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "steward/io/data_source.h"

namespace steward::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A port nobody listens on right now: the kernel's pick for port 0, released again.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CommandOutput(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr)
    return output;
  char buffer[256];
  while (fgets(buffer, sizeof(buffer), pipe) != nullptr)
    output += buffer;
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
    output.pop_back();
  return output;
}

bool IsExecutable(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

// The directory holding initdb, pg_ctl and postgres (Debian keeps them off PATH).
std::string FindServerBinaries() {
  std::vector<std::string> candidates = {CommandOutput("pg_config --bindir 2>/dev/null"),
                                         "/usr/lib/postgresql/15/bin"};
  for (const std::string& dir : candidates) {
    if (!dir.empty() && IsExecutable(dir + "/initdb") && IsExecutable(dir + "/pg_ctl") &&
        IsExecutable(dir + "/postgres")) {
      return dir;
    }
  }
  return "";
}

// A throwaway PostgreSQL server in a temporary directory, on 127.0.0.1 and a free port, with
// trust authentication for the superuser "steward". The server refuses to run as root, so
// under root its commands run as the "postgres" user.
class TestServer {
 public:
  // Returns "" on success, else what went wrong.
  std::string Start() {
    bin_ = FindServerBinaries();
    if (bin_.empty()) {
      return "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found via pg_config "
             "--bindir or in /usr/lib/postgresql/15/bin: install Debian's postgresql package";
    }
    char dir_template[] = "/tmp/steward-pg-test-XXXXXX";
    if (mkdtemp(dir_template) == nullptr)
      return "mkdtemp failed";
    dir_ = dir_template;
    if (geteuid() == 0) {
      const passwd* user = getpwnam("postgres");
      if (user == nullptr) {
        return "running as root, but there is no 'postgres' user to run the server";
      }
      if (chown(dir_.c_str(), user->pw_uid, user->pw_gid) != 0)
        return "chown " + dir_ + " failed";
      as_server_user_ = "runuser -u postgres -- ";
    }
    if (!Run(bin_ + "/initdb -D " + dir_ + "/data -U steward --auth=trust --no-sync -E UTF8 " +
                 "--no-locale",
             "initdb.log")) {
      return "initdb failed: " + ReadFileText(dir_ + "/initdb.log");
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
      port_ = FreePort();
      if (Run(bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -t 30 -o \"" +
                  "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_ +
                  " -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start",
              "pg_ctl.log")) {
        started_ = true;
        return "";
      }
    }
    return "pg_ctl start failed: " + ReadFileText(dir_ + "/pg_ctl.log") +
           ReadFileText(dir_ + "/server.log");
  }

  void Stop() {
    if (started_)
      Run(bin_ + "/pg_ctl -D " + dir_ + "/data -m fast -w stop", "pg_ctl.log");
    started_ = false;
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  // Runs `sql` with psql as the superuser; returns "" or psql's complaint.
  std::string Psql(const std::string& sql) const {
    const std::string script = dir_ + "/script.sql";
    std::ofstream(script) << sql;
    if (std::system(("cd " + dir_ + " && " + bin_ + "/psql -X -q -v ON_ERROR_STOP=1 -d '" + Uri() +
                     "' -f " + script + " > " + dir_ + "/psql.log 2>&1")
                        .c_str()) != 0) {
      return ReadFileText(dir_ + "/psql.log");
    }
    return "";
  }

  std::string Uri() const {
    return "postgresql://steward@127.0.0.1:" + std::to_string(port_) + "/postgres";
  }

 private:
  // Runs `command` (as the server user under root) from the temporary directory, which that
  // user may enter, unlike perhaps the caller's; its output goes to `log` there.
  bool Run(const std::string& command, const std::string& log) const {
    return std::system(("cd " + dir_ + " && " + as_server_user_ + command + " > " + dir_ + "/" +
                        log + " 2>&1")
                           .c_str()) == 0;
  }

  std::string bin_;
  std::string dir_;
  std::string as_server_user_;
  int port_ = -1;
  bool started_ = false;
};

constexpr char kSetupSql[] = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS int4 CHECK (VALUE > 0);
CREATE TABLE types (
  id int4, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, num numeric, o oid,
  t text, vc varchar(10), bp char(4), nm name, u uuid, m mood,
  d date, ts timestamp, tstz timestamptz,
  j json, arr int4[], by bytea, iv interval, dom positive);
INSERT INTO types VALUES
  (1, true, 1, 100, 9007199254740992, 1.5, 0.1, 12.25, 42,
   'alpha', 'x', 'ab', 'n1', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy',
   '2024-02-29', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56+02',
   '{"k": 1}', '{1,2}', '\x0102', '1 day 02:00:00', 5),
  (2, false, -2, -200, -9007199254740992, -0.25, 1e300, -0.001, 0,
   'beta', 'y', 'cd', 'n2', '00000000-0000-0000-0000-000000000000', 'sad',
   '1970-01-01', '1969-12-31 23:59:59', '2000-01-01 00:00:00+00',
   '[]', '{}', '\x', '-03:00:00', 1),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE SEQUENCE counter;
CREATE TABLE big AS
  SELECT g AS x, g * 0.5::float8 AS half, (g % 7)::text AS bucket
  FROM generate_series(1, 100000) g;
)sql";

class PostgresSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    error_ = server_->Start();
    if (error_.empty()) {
      const std::string psql_error = server_->Psql(kSetupSql);
      if (!psql_error.empty())
        error_ = "creating the test tables failed: " + psql_error;
    }
  }
  static void TearDownTestSuite() {
    server_->Stop();
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!error_.empty())
      GTEST_FAIL() << "cannot start a PostgreSQL server: " << error_;
  }

  static std::string Uri() { return server_->Uri(); }

  // Every batch of `sql`, or the first error.
  static Result<std::vector<Table>> ReadBatches(const std::string& sql, size_t batch_rows) {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<PostgresReader> reader,
                             PostgresReader::Open(Uri(), sql, batch_rows));
    std::vector<Table> batches;
    for (;;) {
      STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, reader->Next());
      if (!batch)
        break;
      batches.push_back(std::move(*batch));
    }
    return batches;
  }

  static Result<Table> ReadTable(const std::string& sql, size_t batch_rows = 1000) {
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<PostgresReader> reader,
                             PostgresReader::Open(Uri(), sql, batch_rows));
    STEWARD_ASSIGN_OR_RETURN(ReadResult read, ReadAll(*reader));
    return std::move(read.table);
  }

  static Status ReadError(const std::string& sql, size_t batch_rows = 1000) {
    Result<Table> table = ReadTable(sql, batch_rows);
    return table.ok() ? Status::Ok() : table.status();
  }

  static inline TestServer* server_ = nullptr;
  static inline std::string error_;
};

std::vector<std::string> Labels(const Column& column) {
  std::vector<std::string> labels;
  for (size_t row = 0; row < column.size(); ++row) {
    labels.push_back(column.IsMissing(row) ? "<missing>"
                                           : column.categories()[column.codes()[row]]);
  }
  return labels;
}

TEST_F(PostgresSourceTest, MapsEveryTypeWithNulls) {
  Result<Table> table = ReadTable("SELECT * FROM types ORDER BY id");
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_EQ(table->num_rows(), 3u);
  auto column = [&](const char* name) -> const Column& { return **table->ColumnByName(name); };
  auto kind = [&](const char* name) { return column(name).kind(); };

  EXPECT_EQ(kind("b"), ColumnKind::kBoolean);
  EXPECT_THAT(std::vector<int8_t>(column("b").booleans().begin(), column("b").booleans().end()),
              ::testing::ElementsAre(1, 0, kMissingBoolean));

  const std::vector<std::pair<const char*, std::vector<double>>> numbers = {
      {"i2", {1, -2}},      {"i4", {100, -200}},  {"i8", {9007199254740992.0, -9007199254740992.0}},
      {"f4", {1.5, -0.25}}, {"f8", {0.1, 1e300}}, {"num", {12.25, -0.001}},
      {"o", {42, 0}},       {"dom", {5, 1}},  // a domain reads as its base type
  };
  for (const auto& [name, expected] : numbers) {
    SCOPED_TRACE(name);
    ASSERT_EQ(kind(name), ColumnKind::kNumeric);
    EXPECT_EQ(column(name).numeric()[0], expected[0]);
    EXPECT_EQ(column(name).numeric()[1], expected[1]);
    EXPECT_TRUE(std::isnan(column(name).numeric()[2]));
  }

  const std::vector<std::pair<const char*, std::vector<std::string>>> strings = {
      {"t", {"alpha", "beta", "<missing>"}},
      {"vc", {"x", "y", "<missing>"}},
      {"bp", {"ab", "cd", "<missing>"}},  // without char(4)'s padding
      {"nm", {"n1", "n2", "<missing>"}},
      {"u",
       {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000",
        "<missing>"}},
      {"m", {"happy", "sad", "<missing>"}},  // an enum
  };
  for (const auto& [name, expected] : strings) {
    SCOPED_TRACE(name);
    ASSERT_EQ(kind(name), ColumnKind::kCategorical);
    EXPECT_EQ(Labels(column(name)), expected);
  }

  const std::vector<std::pair<const char*, std::vector<int64_t>>> times = {
      {"d", {1709164800000000, 0}},
      {"ts", {1709210096789000, -1000000}},
      {"tstz", {1709202896000000, 946684800000000}},  // 12:34:56+02 is 10:34:56 UTC
  };
  for (const auto& [name, expected] : times) {
    SCOPED_TRACE(name);
    ASSERT_EQ(kind(name), ColumnKind::kTimestamp);
    EXPECT_EQ(column(name).timestamps()[0], expected[0]);
    EXPECT_EQ(column(name).timestamps()[1], expected[1]);
    EXPECT_EQ(column(name).timestamps()[2], kMissingTimestamp);
  }

  const std::vector<std::pair<const char*, std::vector<std::string>>> texts = {
      {"j", {"{\"k\": 1}", "[]"}},
      {"arr", {"{1,2}", "{}"}},
      {"by", {"\\x0102", "\\x"}},
      {"iv", {"1 day 02:00:00", "-03:00:00"}},
  };
  for (const auto& [name, expected] : texts) {
    SCOPED_TRACE(name);
    ASSERT_EQ(kind(name), ColumnKind::kText);
    EXPECT_EQ(column(name).text().at(0), expected[0]);
    EXPECT_EQ(column(name).text().at(1), expected[1]);
    EXPECT_TRUE(column(name).IsMissing(2));
  }
}

TEST_F(PostgresSourceTest, ManyDistinctStringsInTheFirstBatchBecomeText) {
  Result<Table> table = ReadTable(
      "SELECT 'v' || g AS unique_values, (g % 60)::text AS sixty_values, "
      "CASE WHEN g <= 200 THEN 'x' ELSE 'v' || g END AS few_then_many "
      "FROM generate_series(1, 300) g",
      /*batch_rows=*/200);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->column(0).kind(), ColumnKind::kText);
  // 60 distinct values, but fewer than half of the 200 rows of the first batch: categorical.
  EXPECT_EQ(table->column(1).kind(), ColumnKind::kCategorical);
  // The first batch decides, even when later batches bring many more values.
  EXPECT_EQ(table->column(2).kind(), ColumnKind::kCategorical);
  EXPECT_EQ(table->column(2).categories().size(), 101u);
  EXPECT_EQ(table->column(0).text().at(299), "v300");
}

TEST_F(PostgresSourceTest, CategoryCodesStayStableAcrossBatches) {
  Result<std::vector<Table>> batches = ReadBatches(
      "SELECT label FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c'), (5, NULL), (6, 'a'), "
      "(7, 'd'), (8, 'b'), (9, 'e'), (10, 'd')) v(i, label) ORDER BY i",
      /*batch_rows=*/3);
  ASSERT_TRUE(batches.ok()) << batches.status().message();
  ASSERT_EQ(batches->size(), 4u);
  const std::vector<std::vector<std::string>> expected = {
      {"a", "b", "a"}, {"c", "<missing>", "a"}, {"d", "b", "e"}, {"d"}};
  Categories previous;
  for (size_t index = 0; index < batches->size(); ++index) {
    SCOPED_TRACE("batch " + std::to_string(index));
    const Column& column = (*batches)[index].column(0);
    ASSERT_EQ(column.kind(), ColumnKind::kCategorical);
    EXPECT_EQ(Labels(column), expected[index]);
    // Each batch's categories extend the previous batch's.
    const Categories& categories = column.categories();
    ASSERT_GE(categories.size(), previous.size());
    EXPECT_TRUE(std::equal(previous.begin(), previous.end(), categories.begin()));
    previous = categories;
  }
  EXPECT_EQ(previous, (Categories{"a", "b", "c", "d", "e"}));
  // Batches already handed out keep their own snapshot.
  EXPECT_EQ((*batches)[0].column(0).categories(), (Categories{"a", "b"}));
}

TEST_F(PostgresSourceTest, StreamsALargeTableInBoundedBatches) {
  Result<std::unique_ptr<PostgresReader>> reader =
      PostgresReader::Open(Uri(), "SELECT x, half, bucket FROM big ORDER BY x", 1000);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  size_t batches = 0;
  size_t rows = 0;
  double x_sum = 0;
  double half_sum = 0;
  size_t bucket_categories = 0;
  for (;;) {
    Result<std::optional<Table>> batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    if (!batch->has_value())
      break;
    const Table& table = **batch;
    ++batches;
    ASSERT_LE(table.num_rows(), 1000u);
    rows += table.num_rows();
    for (double x : table.column(0).numeric())
      x_sum += x;
    for (double half : table.column(1).numeric())
      half_sum += half;
    bucket_categories = table.column(2).categories().size();
  }
  EXPECT_EQ(batches, 100u);
  EXPECT_EQ(rows, 100000u);
  EXPECT_EQ(x_sum, 5000050000.0);
  EXPECT_EQ(half_sum, 2500025000.0);
  EXPECT_EQ(bucket_categories, 7u);
  EXPECT_EQ((*reader)->stats().rows, 100000u);
  EXPECT_EQ((*reader)->stats().bytes, 0u);
  // After the end, the reader stays at the end.
  Result<std::optional<Table>> after = (*reader)->Next();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());
}

TEST_F(PostgresSourceTest, NumbersThatWouldLosePrecisionFail) {
  Status status =
      ReadError("SELECT x AS big_id FROM (VALUES (1::int8), (2), (-9007199254740993)) v(x)", 2);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("column 'big_id', row 3"));
  EXPECT_THAT(status.message(), HasSubstr("-9007199254740993"));
  EXPECT_THAT(status.message(), HasSubstr("2^53"));
  EXPECT_THAT(status.message(), HasSubstr("big_id::text"));

  status = ReadError("SELECT 12345678901234567890::numeric AS total");
  EXPECT_THAT(status.message(), HasSubstr("column 'total', row 1"));
  EXPECT_THAT(status.message(), HasSubstr("2^53"));

  status = ReadError("SELECT 0.1000000000000000000001::numeric AS \"Ratio\"");
  EXPECT_THAT(status.message(), HasSubstr("column 'Ratio', row 1"));
  EXPECT_THAT(status.message(), HasSubstr("rounded"));
  EXPECT_THAT(status.message(), HasSubstr("\"Ratio\"::text"));

  // Exact ones read fine, as do the same values cast to text.
  Result<Table> table = ReadTable(
      "SELECT 0.1::numeric AS a, 123456789.125::numeric AS b, 1.50::numeric AS c, "
      "9007199254740993::int8::text AS d");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->column(0).numeric()[0], 0.1);
  EXPECT_EQ(table->column(1).numeric()[0], 123456789.125);
  EXPECT_EQ(table->column(2).numeric()[0], 1.5);
  EXPECT_EQ(table->column(3).categories()[0], "9007199254740993");
}

TEST_F(PostgresSourceTest, TimestampsOutsideTheCalendarFail) {
  Status status = ReadError("SELECT 'infinity'::timestamptz AS seen_at");
  EXPECT_THAT(status.message(), HasSubstr("column 'seen_at', row 1"));
  EXPECT_THAT(status.message(), HasSubstr("infinite"));
  EXPECT_THAT(status.message(), HasSubstr("seen_at::text"));

  status = ReadError("SELECT '-infinity'::date AS day");
  EXPECT_THAT(status.message(), HasSubstr("infinite"));

  status = ReadError("SELECT '0044-03-15 BC'::date AS day");
  EXPECT_THAT(status.message(), HasSubstr("0044-03-15 BC"));
  EXPECT_THAT(status.message(), HasSubstr("years 1 to 9999"));
}

TEST_F(PostgresSourceTest, SqlErrorsCarryPostgresMessage) {
  Status status = ReadError("SELEC 1");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("--sql query"));
  EXPECT_THAT(status.message(), HasSubstr("syntax error at or near \"SELEC\""));
  EXPECT_THAT(status.message(), HasSubstr("at character 1 of the query"));

  status = ReadError("SELECT * FROM no_such_table");
  EXPECT_THAT(status.message(), HasSubstr("relation \"no_such_table\" does not exist"));
  EXPECT_THAT(status.message(), HasSubstr("at character 15 of the query"));

  // Errors found while running surface at the batch that meets them.
  Result<std::unique_ptr<PostgresReader>> reader =
      PostgresReader::Open(Uri(), "SELECT 1 / (3 - g) AS q FROM generate_series(1, 5) g", 2);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_TRUE((*reader)->Next().ok());
  Result<std::optional<Table>> failed = (*reader)->Next();
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("--sql query failed while reading rows 3 to 4"));
  EXPECT_THAT(failed.status().message(), HasSubstr("division by zero"));
  Result<std::optional<Table>> after = (*reader)->Next();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());

  EXPECT_THAT(ReadError("SELECT 1 AS a; DROP TABLE big").message(), HasSubstr("one query"));
  // The transaction is read-only.
  EXPECT_THAT(ReadError("SELECT nextval('counter') AS a").message(),
              HasSubstr("cannot execute nextval() in a read-only transaction"));
  EXPECT_THAT(ReadError("  ;\n").message(), HasSubstr("--sql query is empty"));
  EXPECT_THAT(ReadError("SELECT 1, 2").message(), HasSubstr("AS"));
  // A trailing semicolon is fine.
  EXPECT_TRUE(ReadError("SELECT 1 AS a;").ok());
}

TEST_F(PostgresSourceTest, ConnectionErrorsNameTheServerButNotThePassword) {
  const int port = FreePort();
  Result<std::unique_ptr<PostgresReader>> reader = PostgresReader::Open(
      "postgresql://alice:s3cretpw@127.0.0.1:" + std::to_string(port) + "/warehouse", "SELECT 1",
      10);
  ASSERT_FALSE(reader.ok());
  const Status& status = reader.status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("host 127.0.0.1, port " + std::to_string(port) +
                                          ", database warehouse, user alice"));
  EXPECT_THAT(status.message(), HasSubstr("Connection refused"));
  EXPECT_THAT(status.message(), Not(HasSubstr("s3cretpw")));

  // libpq quotes a malformed URI whole in its message.
  reader = PostgresReader::Open("postgresql://alice:s3cretpw@[::1/warehouse", "SELECT 1", 10);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(reader.status().message(), HasSubstr("alice:***@"));
  EXPECT_THAT(reader.status().message(), Not(HasSubstr("s3cretpw")));

  reader = PostgresReader::Open(
      "postgresql://127.0.0.1:" + std::to_string(port) + "/db?password=s3cretpw&port=x", "SELECT 1",
      10);
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), Not(HasSubstr("s3cretpw")));
}

TEST(PostgresUri, RedactionHidesEveryPassword) {
  EXPECT_EQ(RedactPostgresUri("postgresql://alice:s3cret@db:5432/x?sslmode=require&password=p2"),
            "postgresql://alice:***@db:5432/x?sslmode=require&password=***");
  EXPECT_EQ(RedactPostgresUri("host=db password='a b\\' c' user=x"), "host=db password=*** user=x");
  EXPECT_EQ(RedactPostgresUri("postgresql://alice@db/x?passfile=/p"),
            "postgresql://alice@db/x?passfile=/p");
  EXPECT_EQ(RedactPostgresUri("postgresql:///x"), "postgresql:///x");
}

TEST_F(PostgresSourceTest, SessionIsUtcAndNamedSteward) {
  Result<Table> table = ReadTable(
      "SELECT current_setting('application_name') AS app, current_setting('TimeZone') AS zone, "
      "'2024-01-01 12:00:00+05'::timestamptz::text AS shown");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(Labels(table->column(0)), std::vector<std::string>{"steward"});
  EXPECT_EQ(Labels(table->column(1)), std::vector<std::string>{"UTC"});
  EXPECT_EQ(Labels(table->column(2)), std::vector<std::string>{"2024-01-01 07:00:00+00"});
}

TEST_F(PostgresSourceTest, EmptyResultKeepsItsSchema) {
  Result<Table> table = ReadTable("SELECT 1::int4 AS a, 'x'::text AS b WHERE false");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->num_rows(), 0u);
  ASSERT_EQ(table->num_columns(), 2u);
  EXPECT_EQ(table->column(0).kind(), ColumnKind::kNumeric);
  EXPECT_EQ(table->column(1).kind(), ColumnKind::kCategorical);
}

TEST_F(PostgresSourceTest, ReadSourceOpensPostgresUris) {
  SourceOptions options;
  options.sql = "SELECT g AS n, g % 2 = 0 AS even FROM generate_series(1, 5) g";
  options.batch_rows = 2;
  Result<ReadResult> read = ReadSource(Uri(), options);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->table.num_rows(), 5u);
  EXPECT_EQ(read->stats.rows, 5u);
  double sum = 0;
  for (double n : read->table.column(0).numeric())
    sum += n;
  EXPECT_EQ(sum, 15.0);
  EXPECT_EQ(read->table.column(1).kind(), ColumnKind::kBoolean);

  Result<ReadResult> without_sql = ReadSource(Uri(), SourceOptions());
  ASSERT_FALSE(without_sql.ok());
  EXPECT_THAT(without_sql.status().message(), HasSubstr("--sql"));
}

}  // namespace
}  // namespace steward::io
