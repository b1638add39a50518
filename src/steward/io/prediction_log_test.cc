#include "steward/io/prediction_log.h"

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/io/internal/prediction_log_format.h"
#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

using std::chrono::milliseconds;

PredictionRecord Prediction(const std::string& id, int n = 0) {
  PredictionRecord record;
  record.id = id;
  record.time = "2026-11-23T06:28:12.345Z";
  record.model = "credit";
  record.version = 3;
  record.inputs = R"({"age":)" + std::to_string(n) + R"(,"purpose":"new \"car\" é","debt":12.5})";
  record.outputs = R"({"probability":0.7,"class":"good"})";
  return record;
}

PredictionRecord Feedback(const std::string& id, const std::string& prediction_id) {
  PredictionRecord record;
  record.kind = PredictionKind::kFeedback;
  record.id = id;
  record.time = "2026-11-23T06:30:00.000Z";
  record.model = "credit";
  record.version = 3;
  record.label = R"("bad")";
  record.prediction_id = prediction_id;
  return record;
}

// Options that write promptly, so tests do not wait for the default 200 ms.
PredictionLogOptions Quick() {
  PredictionLogOptions options;
  options.flush_interval = milliseconds(5);
  return options;
}

// Options under which only Flush() and the destructor write.
PredictionLogOptions OnlyOnFlush() {
  PredictionLogOptions options;
  options.flush_interval = std::chrono::hours(1);
  return options;
}

std::vector<std::string> SegmentFiles(const std::string& directory) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

class PredictionLogTest : public ::testing::Test {
 protected:
  std::string LogDir() const { return dir_.Path("log"); }
  std::unique_ptr<PredictionLogWriter> OpenWriter(PredictionLogOptions options) {
    auto writer = PredictionLogWriter::Open(LogDir(), std::move(options));
    EXPECT_TRUE(writer.ok()) << writer.status().message();
    return writer.ok() ? std::move(writer).value() : nullptr;
  }
  PredictionLogScan Read() {
    auto scan = ReadPredictionLog(LogDir());
    EXPECT_TRUE(scan.ok()) << scan.status().message();
    return scan.ok() ? std::move(scan).value() : PredictionLogScan{};
  }
  steward::testing::TempDir dir_;
};

TEST_F(PredictionLogTest, RecordsFromSeveralThreadsReadBackOnceEachInThreadOrder) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2500;
  PredictionLogOptions options = Quick();
  options.max_segment_bytes = 64 << 10;
  auto writer = OpenWriter(options);
  ASSERT_NE(writer, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&writer, t] {
      for (int n = 0; n < kPerThread; ++n) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(n);
        EXPECT_TRUE(n % 5 == 4 ? writer->Append(Feedback(id, "p"))
                               : writer->Append(Prediction(id, n)));
      }
    });
  }
  for (std::thread& thread : threads)
    thread.join();
  ASSERT_TRUE(writer->Flush().ok());
  const PredictionLogHealth health = writer->Health();
  EXPECT_TRUE(health.ok);
  EXPECT_EQ(health.written, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(health.dropped, 0u);
  EXPECT_EQ(health.pending, 0u);
  EXPECT_GT(health.segments, 1u);

  const PredictionLogScan scan = Read();
  EXPECT_FALSE(scan.torn_tail);
  ASSERT_EQ(scan.records.size(), size_t{kThreads * kPerThread});
  std::map<int, int> next;  // thread -> the n its next record must carry
  for (const PredictionRecord& record : scan.records) {
    const int t = std::stoi(record.id.substr(1));
    const int n = std::stoi(record.id.substr(record.id.find('-') + 1));
    ASSERT_EQ(n, next[t]) << record.id;
    ++next[t];
    EXPECT_EQ(record, n % 5 == 4 ? Feedback(record.id, "p") : Prediction(record.id, n));
  }
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(next[t], kPerThread);
}

TEST_F(PredictionLogTest, RotatesBySizeIntoSegmentsOfWholeLines) {
  PredictionLogOptions options = OnlyOnFlush();
  options.max_segment_bytes = 1000;
  auto writer = OpenWriter(options);
  for (int n = 0; n < 100; ++n)
    ASSERT_TRUE(writer->Append(Prediction("id" + std::to_string(n), n)));
  ASSERT_TRUE(writer->Flush().ok());
  const std::vector<std::string> files = SegmentFiles(LogDir());
  EXPECT_GT(files.size(), 10u);
  EXPECT_EQ(writer->Health().segments, files.size());
  for (const std::string& file : files) {
    EXPECT_LE(std::filesystem::file_size(LogDir() + "/" + file), 1000u) << file;
    EXPECT_TRUE(internal::ParseSegmentFileName(file).has_value()) << file;
  }
  const PredictionLogScan scan = Read();
  ASSERT_EQ(scan.records.size(), 100u);
  for (int n = 0; n < 100; ++n)
    EXPECT_EQ(scan.records[static_cast<size_t>(n)], Prediction("id" + std::to_string(n), n));
}

TEST_F(PredictionLogTest, ALineLongerThanASegmentGetsASegmentToItself) {
  PredictionLogOptions options = OnlyOnFlush();
  options.max_segment_bytes = 100;
  auto writer = OpenWriter(options);
  ASSERT_TRUE(writer->Append(Prediction("a")));
  ASSERT_TRUE(writer->Append(Prediction("b")));
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_EQ(SegmentFiles(LogDir()).size(), 2u);
  EXPECT_EQ(Read().records.size(), 2u);
}

TEST_F(PredictionLogTest, RotatesByAge) {
  PredictionLogOptions options = OnlyOnFlush();
  options.max_segment_age = milliseconds(1);
  auto writer = OpenWriter(options);
  ASSERT_TRUE(writer->Append(Prediction("first")));
  ASSERT_TRUE(writer->Flush().ok());
  std::this_thread::sleep_for(milliseconds(20));
  ASSERT_TRUE(writer->Append(Prediction("second")));
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_EQ(SegmentFiles(LogDir()).size(), 2u);
  EXPECT_EQ(writer->Health().segments, 2u);
  const PredictionLogScan scan = Read();
  ASSERT_EQ(scan.records.size(), 2u);
  EXPECT_EQ(scan.records[0].id, "first");
  EXPECT_EQ(scan.records[1].id, "second");
}

TEST_F(PredictionLogTest, FlushReturnsOnlyOnceTheRecordsAreInTheFile) {
  auto writer = OpenWriter(OnlyOnFlush());
  ASSERT_TRUE(writer->Append(Prediction("a")));
  ASSERT_TRUE(writer->Append(Feedback("b", "a")));
  EXPECT_EQ(writer->Health().pending, 2u);
  ASSERT_TRUE(writer->Flush().ok());
  const PredictionLogScan scan = Read();  // while the writer is still open
  ASSERT_EQ(scan.records.size(), 2u);
  EXPECT_EQ(scan.records[1], Feedback("b", "a"));
  EXPECT_EQ(writer->Health().pending, 0u);
  EXPECT_EQ(writer->Health().written, 2u);
  EXPECT_TRUE(writer->Flush().ok());  // nothing left: returns at once
}

TEST_F(PredictionLogTest, DestructorWritesWhatIsQueued) {
  {
    auto writer = OpenWriter(OnlyOnFlush());
    for (int n = 0; n < 10; ++n)
      ASSERT_TRUE(writer->Append(Prediction(std::to_string(n))));
  }
  EXPECT_EQ(Read().records.size(), 10u);
}

TEST_F(PredictionLogTest, StampsTheTimeWhenTheRecordHasNone) {
  auto writer = OpenWriter(OnlyOnFlush());
  PredictionRecord record = Prediction("a");
  record.time.clear();
  ASSERT_TRUE(writer->Append(record));
  ASSERT_TRUE(writer->Flush().ok());
  const PredictionLogScan scan = Read();
  ASSERT_EQ(scan.records.size(), 1u);
  EXPECT_TRUE(internal::IsPredictionTime(scan.records[0].time)) << scan.records[0].time;
  EXPECT_EQ(FormatPredictionTime(std::chrono::system_clock::time_point(milliseconds(1234))),
            "1970-01-01T00:00:01.234Z");
}

TEST_F(PredictionLogTest, TornTailOfTheNewestSegmentIsSkippedAndCutByTheNextWriter) {
  {
    auto writer = OpenWriter(OnlyOnFlush());
    ASSERT_TRUE(writer->Append(Prediction("a")));
    ASSERT_TRUE(writer->Append(Prediction("b")));
  }
  const std::string segment = LogDir() + "/" + SegmentFiles(LogDir()).back();
  std::ofstream(segment, std::ios::app) << R"({"kind":"prediction","id":"c","ti)";
  PredictionLogScan scan = Read();
  EXPECT_EQ(scan.records.size(), 2u);
  EXPECT_TRUE(scan.torn_tail);
  EXPECT_NE(scan.note.find(segment + ":3:"), std::string::npos) << scan.note;

  // A writer opened after the crash cuts the torn line off before it adds segments.
  {
    auto writer = OpenWriter(OnlyOnFlush());
    ASSERT_TRUE(writer->Append(Prediction("d")));
  }
  scan = Read();
  EXPECT_FALSE(scan.torn_tail);
  ASSERT_EQ(scan.records.size(), 3u);
  EXPECT_EQ(scan.records[2].id, "d");
  EXPECT_EQ(scan.segments.size(), 2u);
}

// The cut looks backwards for the last line break in 64 KiB blocks: torn lines longer than a
// block, with and without a complete line before them.
TEST_F(PredictionLogTest, WriterCutsTornLinesLongerThanItsReadBlock) {
  const std::string line = R"({"kind":"feedback","id":"f","time":"2026-11-23T06:30:00.000Z",)"
                           R"("model":"m","version":1,"label":0,"prediction_id":"p"})";
  const std::string torn = R"({"kind":"prediction","inputs":{"x":")" + std::string(200000, 'x');
  for (const std::string& before : {std::string(), line + "\n"}) {
    std::filesystem::remove_all(LogDir());
    std::filesystem::create_directories(LogDir());
    const std::string segment =
        dir_.Write("log/predictions-20261123T062812Z-000001.jsonl", before + torn);
    ASSERT_TRUE(PredictionLogWriter::Open(LogDir(), OnlyOnFlush()).ok());
    EXPECT_EQ(*ReadFileToString(segment), before);
    const PredictionLogScan scan = Read();
    EXPECT_FALSE(scan.torn_tail);
    EXPECT_EQ(scan.records.size(), before.empty() ? 0u : 1u);
  }
}

TEST_F(PredictionLogTest, TornLineInAnOlderSegmentIsAnError) {
  const std::string line = R"({"kind":"feedback","id":"f","time":"2026-11-23T06:30:00.000Z",)"
                           R"("model":"m","version":1,"label":0,"prediction_id":"p"})";
  std::filesystem::create_directories(LogDir());
  steward::testing::TempDir& dir = dir_;
  dir.Write("log/predictions-20261123T062812Z-000001.jsonl", line + "\n" + line);
  dir.Write("log/predictions-20261123T062813Z-000002.jsonl", line + "\n");
  const auto scan = ReadPredictionLog(LogDir());
  ASSERT_FALSE(scan.ok());
  EXPECT_NE(scan.status().message().find("predictions-20261123T062812Z-000001.jsonl:2:"),
            std::string::npos)
      << scan.status().message();
}

TEST_F(PredictionLogTest, CorruptedMiddleLineNamesFileAndLine) {
  {
    auto writer = OpenWriter(OnlyOnFlush());
    for (const char* id : {"a", "b", "c"})
      ASSERT_TRUE(writer->Append(Prediction(id)));
  }
  const std::string segment = LogDir() + "/" + SegmentFiles(LogDir()).back();
  std::string bytes = *ReadFileToString(segment);
  const size_t second = bytes.find('\n') + 1;
  bytes.replace(bytes.find(R"("version":3)", second), 11, R"("version":3.5)");
  ASSERT_TRUE(WriteFileAtomically(segment, bytes).ok());
  const auto scan = ReadPredictionLog(LogDir());
  ASSERT_FALSE(scan.ok());
  EXPECT_NE(scan.status().message().find(segment + ":2: field 'version' must be a 64-bit integer"),
            std::string::npos)
      << scan.status().message();
}

// Each malformed line and the words its error must contain.
TEST(ParsePredictionSegmentTest, StrictChecksNameWhatIsWrong) {
  const std::string head = R"({"kind":"prediction","id":"x","time":"2026-11-23T06:28:12.345Z",)"
                           R"("model":"m","version":1,)";
  const std::string good = head + R"("inputs":{"a":1},"outputs":{"p":0.5}})";
  auto nested = [&](int arrays) {
    return head + R"("inputs":{"a":)" + std::string(static_cast<size_t>(arrays), '[') +
           std::string(static_cast<size_t>(arrays), ']') + R"(},"outputs":1})";
  };
  ASSERT_TRUE(ParsePredictionSegment(good + "\n", "f").ok());
  ASSERT_TRUE(ParsePredictionSegment(nested(62) + "\n", "f").ok());  // 64 levels
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "invalid JSON: parse error at column 2"},
      {"[1]", "expected a JSON object, got array"},
      {"", "an empty line"},
      {R"({"kind":"label"})", "field 'kind' is \"label\""},
      {R"({"kind":"prediction"})", "missing field 'id'"},
      {head + R"("outputs":1})", "missing field 'inputs'"},
      {head + R"("inputs":[1],"outputs":1})", "field 'inputs' must be an object, got array"},
      {R"({"kind":"prediction","id":"x","time":"yesterday","model":"m"})", "field 'time'"},
      {R"({"kind":"prediction","id":"x","time":"2026-11-23T06:28:12.345Z","model":"m",)"
       R"("version":"1"})",
       "field 'version' must be a 64-bit integer"},
      {R"({"kind":"prediction","id":"x","time":"2026-11-23T06:28:12.345Z","model":"m",)"
       R"("version":18446744073709551615})",
       "field 'version' must be a 64-bit integer"},
      {R"({"kind":"prediction","kind":"feedback"})", "duplicate field 'kind'"},
      {std::string("{\"kind\":\0}", 10), "a NUL byte at byte 9"},
      {nested(63), "JSON nested deeper than 64 levels"},
      {nested(100000), "JSON nested deeper than 64 levels"},
      {R"({"kind":"feedback","id":"f","time":"2026-11-23T06:30:00.000Z","model":"m",)"
       R"("version":1,"label":0})",
       "missing field 'prediction_id'"},
  };
  for (const auto& [line, expected] : cases) {
    const auto parsed = ParsePredictionSegment(good + "\n" + line + "\n", "f");
    ASSERT_FALSE(parsed.ok()) << line;
    EXPECT_NE(parsed.status().message().find(expected), std::string::npos)
        << parsed.status().message();
    EXPECT_TRUE(parsed.status().message().starts_with("f:2: ")) << parsed.status().message();
  }
}

TEST(ParsePredictionSegmentTest, RefusesLinesOver16MiB) {
  const std::string line(kMaxPredictionLineBytes + 1, ' ');
  const auto parsed = ParsePredictionSegment(line + "\n", "big.jsonl");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("big.jsonl:1: a line of 16777217 bytes"),
            std::string::npos)
      << parsed.status().message();
}

// A fault the test switches on and off, injected at one I/O step.
struct Fault {
  PredictionLogOptions Options(PredictionLogStep at) {
    PredictionLogOptions options = OnlyOnFlush();
    options.max_segment_bytes = 1;  // a segment per line, so that every step comes up
    options.inject_fault_for_testing = [this, at](PredictionLogStep step) {
      return step == at ? error.load() : 0;
    };
    return options;
  }
  std::atomic<int> error{0};
};

class FailingDiskTest : public PredictionLogTest,
                        public ::testing::WithParamInterface<PredictionLogStep> {};

TEST_P(FailingDiskTest, ErrorStateKeepsRecordsQueuedAndRecoversWhenTheDiskDoes) {
  Fault fault;
  auto writer = OpenWriter(fault.Options(GetParam()));
  ASSERT_TRUE(writer->Append(Prediction("before")));
  ASSERT_TRUE(writer->Flush().ok());

  fault.error = GetParam() == PredictionLogStep::kSync ? EIO : ENOSPC;
  for (int n = 0; n < 5; ++n)
    ASSERT_TRUE(writer->Append(Prediction("during" + std::to_string(n))));
  const Status failed = writer->Flush();
  ASSERT_FALSE(failed.ok());
  const PredictionLogHealth broken = writer->Health();
  EXPECT_FALSE(broken.ok);
  EXPECT_EQ(broken.error, failed.message());
  EXPECT_NE(broken.error.find(GetParam() == PredictionLogStep::kSync ? "Input/output error"
                                                                     : "No space left on device"),
            std::string::npos)
      << broken.error;
  EXPECT_EQ(broken.pending, 5u);
  EXPECT_EQ(broken.written, 1u);
  EXPECT_EQ(broken.dropped, 0u);
  EXPECT_EQ(Read().records.size(), 1u);  // no half-written line left behind

  fault.error = 0;
  ASSERT_TRUE(writer->Flush().ok());
  const PredictionLogHealth recovered = writer->Health();
  EXPECT_TRUE(recovered.ok);
  EXPECT_EQ(recovered.error, "");
  EXPECT_EQ(recovered.written, 6u);
  EXPECT_EQ(recovered.pending, 0u);
  const PredictionLogScan scan = Read();
  ASSERT_EQ(scan.records.size(), 6u);
  for (int n = 0; n < 5; ++n)
    EXPECT_EQ(scan.records[static_cast<size_t>(n) + 1].id, "during" + std::to_string(n));
}

INSTANTIATE_TEST_SUITE_P(EveryStep, FailingDiskTest,
                         ::testing::Values(PredictionLogStep::kCreateSegment,
                                           PredictionLogStep::kWrite, PredictionLogStep::kSync));

TEST_F(PredictionLogTest, RetriesAfterTheDirectoryDisappears) {
  auto writer = OpenWriter(OnlyOnFlush());
  std::filesystem::remove_all(LogDir());  // a real failure, which root cannot bypass
  ASSERT_TRUE(writer->Append(Prediction("a")));
  const Status failed = writer->Flush();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("cannot create the segment"), std::string::npos)
      << failed.message();
  EXPECT_FALSE(writer->Health().ok);
  std::filesystem::create_directories(LogDir());
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_TRUE(writer->Health().ok);
  EXPECT_EQ(Read().records.size(), 1u);
}

TEST(PredictionLogWriteAllTest, FullDeviceIsAnErrorNotACrash) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    GTEST_SKIP() << "no /dev/full";
  const Status status = internal::WriteAll(fd, "x\n", "/dev/full");
  ::close(fd);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("No space left on device"), std::string::npos);
}

TEST_F(PredictionLogTest, FullQueueDropsAndCounts) {
  PredictionLogOptions options = OnlyOnFlush();
  options.queue_limit = 10;
  auto writer = OpenWriter(options);
  int accepted = 0;
  for (int n = 0; n < 15; ++n)
    accepted += writer->Append(Prediction(std::to_string(n))) ? 1 : 0;
  EXPECT_EQ(accepted, 10);
  std::this_thread::sleep_for(milliseconds(15));
  PredictionLogHealth health = writer->Health();
  EXPECT_EQ(health.dropped, 5u);
  EXPECT_EQ(health.pending, 10u);
  EXPECT_GE(health.lag_seconds, 0.01);
  ASSERT_TRUE(writer->Flush().ok());
  health = writer->Health();
  EXPECT_EQ(health.written, 10u);
  EXPECT_EQ(health.lag_seconds, 0.0);
  EXPECT_TRUE(writer->Append(Prediction("room again")));
}

TEST_F(PredictionLogTest, MalformedRecordsAreRejectedNotWritten) {
  auto writer = OpenWriter(OnlyOnFlush());
  PredictionRecord not_object = Prediction("a");
  not_object.inputs = "[1,2]";
  PredictionRecord line_break = Prediction("b");
  line_break.outputs = "{\"p\":\n1}";
  PredictionRecord no_id = Prediction("");
  PredictionRecord bad_time = Prediction("c");
  bad_time.time = "2026-11-23 06:28";
  PredictionRecord bad_utf8 = Prediction("d");
  bad_utf8.model = "\xff";
  PredictionRecord no_label = Feedback("e", "a");
  no_label.label.clear();
  for (const PredictionRecord& record :
       {not_object, line_break, no_id, bad_time, bad_utf8, no_label})
    EXPECT_FALSE(writer->Append(record)) << record.id;
  EXPECT_EQ(writer->Health().rejected, 6u);
  PredictionRecord escaped = Prediction("tab\there \"quoted\"");
  escaped.model = "line\nbreak";
  ASSERT_TRUE(writer->Append(escaped));
  ASSERT_TRUE(writer->Flush().ok());
  const PredictionLogScan scan = Read();
  ASSERT_EQ(scan.records.size(), 1u);
  EXPECT_EQ(scan.records[0], escaped);
}

TEST_F(PredictionLogTest, OpenRefusesOptionsThatCannotWork) {
  PredictionLogOptions options;
  options.flush_interval = milliseconds(0);
  const auto writer = PredictionLogWriter::Open(LogDir(), options);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PredictionLogTest, SegmentNamesSortInCreationOrder) {
  {
    auto writer = OpenWriter(OnlyOnFlush());
    ASSERT_TRUE(writer->Append(Prediction("a")));
  }
  // A segment from a clock far ahead: the next writer's names still sort after it.
  dir_.Write("log/predictions-29991231T235959Z-000007.jsonl", "");
  {
    auto writer = OpenWriter(OnlyOnFlush());
    ASSERT_TRUE(writer->Append(Prediction("b")));
  }
  const std::vector<std::string> files = SegmentFiles(LogDir());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files.back(), "predictions-29991231T235959Z-000008.jsonl");
  EXPECT_EQ(Read().records.back().id, "b");
  EXPECT_FALSE(internal::ParseSegmentFileName("predictions-x.jsonl").has_value());
}

}  // namespace
}  // namespace steward::io
