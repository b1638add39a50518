#include "steward/profile/profiler.h"

#include <cmath>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "steward/io/data_source.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/summary.h"
#include "steward/testing/temp_dir.h"

namespace steward::profile {
namespace {

using nlohmann::json;

class ProfilerTest : public ::testing::Test {
 protected:
  Result<Profile> ProfileCsv(std::string_view csv, ProfileOptions options = {},
                             unsigned threads = 1, size_t chunk_bytes = 1 << 20,
                             const std::string& name = "data.csv") {
    io::SourceOptions source;
    source.csv.threads = threads;
    source.csv.chunk_bytes = chunk_bytes;
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                             io::OpenSource(dir_.Write(name, csv), source));
    return ProfileBatches(*reader, std::move(options), name);
  }
  json Summary(std::string_view csv, ProfileOptions options = {}) {
    Result<Profile> profile = ProfileCsv(csv, std::move(options));
    EXPECT_TRUE(profile.ok()) << profile.status().message();
    return profile.ok() ? SummarizeProfile(*profile) : json();
  }
  static const json& Column(const json& summary, std::string_view name) {
    for (const json& column : summary["column_profiles"]) {
      if (column["name"] == name)
        return column;
    }
    static const json none;
    ADD_FAILURE() << "no column " << name;
    return none;
  }
  static std::vector<std::string> AlertTypes(const json& summary, std::string_view column) {
    std::vector<std::string> types;
    for (const json& alert : summary["alerts"]) {
      if (alert["column"] == column)
        types.push_back(alert["type"]);
    }
    return types;
  }
  steward::testing::TempDir dir_;
};

// Mixed data with missing values, duplicates and a correlated pair.
std::string MixedCsv(int rows, uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> normal(50, 10);
  std::string csv = "id,x,y,city,note,when\n";
  for (int row = 0; row < rows; ++row) {
    const double x = std::round(normal(random) * 100) / 100;
    const std::string y = row % 17 == 0 ? "" : std::to_string(2 * x + 1);
    const char* cities[] = {"Oslo", "Lima", "Pune", "Kyiv"};
    csv += std::to_string(row % 1000) + "," + std::to_string(x) + "," + y + "," +
           cities[random() % 4] + ",note " + std::to_string(random() % 300) + "," + "2024-01-" +
           std::to_string(10 + row % 20) + "T00:00:00Z\n";
  }
  return csv;
}

TEST_F(ProfilerTest, CountsMomentsAndExactQuantiles) {
  const json summary = Summary("a,b\n1,x\n2,y\n3,\n4,x\nNA,x\n");
  EXPECT_EQ(summary["rows"], 5);
  const json& a = Column(summary, "a");
  EXPECT_EQ(a["missing"], 1);
  EXPECT_EQ(a["distinct"]["value"], 4);
  EXPECT_TRUE(a["distinct"]["exact"]);
  EXPECT_DOUBLE_EQ(a["numeric"]["mean"], 2.5);
  EXPECT_DOUBLE_EQ(a["numeric"]["std"], std::sqrt(5.0 / 3.0));
  EXPECT_TRUE(a["numeric"]["quantiles"]["exact"]);
  // numpy.quantile([1,2,3,4], [0.05, 0.25, 0.5]) = 1.15, 1.75, 2.5
  EXPECT_DOUBLE_EQ(a["numeric"]["quantiles"]["values"][0]["value"], 1.15);
  EXPECT_DOUBLE_EQ(a["numeric"]["quantiles"]["values"][1]["value"], 1.75);
  EXPECT_DOUBLE_EQ(a["numeric"]["quantiles"]["values"][2]["value"], 2.5);
  EXPECT_EQ(a["numeric"]["histogram"]["counts"].size(), 20u);
  const json& b = Column(summary, "b");
  EXPECT_EQ(b["missing"], 1);
  EXPECT_EQ(b["top"][0]["value"], "x");
  EXPECT_EQ(b["top"][0]["count"], 3);
}

TEST_F(ProfilerTest, DuplicatesConstantIdLikeAndCorrelationAlerts) {
  std::string csv = "id,k,x,y\n";
  for (int row = 0; row < 200; ++row) {
    csv += std::to_string(row) + ",same," + std::to_string(row % 10) + "," +
           std::to_string(3 * (row % 10)) + "\n";
  }
  csv += "5,same,5,15\n5,same,5,15\n";
  const json summary = Summary(csv);
  EXPECT_EQ(summary["duplicates"]["rows"], 2);
  EXPECT_TRUE(summary["duplicates"]["exact"]);
  EXPECT_THAT(AlertTypes(summary, "k"), ::testing::Contains("CONSTANT"));
  EXPECT_THAT(AlertTypes(summary, "id"), ::testing::Contains("ID_LIKE"));
  EXPECT_THAT(AlertTypes(summary, "x,y"), ::testing::Contains("HIGH_CORRELATION"));
  EXPECT_DOUBLE_EQ(summary["correlations"]["pearson"][2]["r"], 1.0);
}

// The exact duplicate count keeps at most duplicate_exact_limit row hashes across all reading
// threads together, then estimates.
TEST_F(ProfilerTest, DuplicateRowHashesShareOneLimitAcrossThreads) {
  std::string csv = "a,b\n";
  for (int row = 0; row < 3000; ++row)
    csv += std::to_string(row % 1000) + ",v" + std::to_string(row % 1000) + "\n";
  ProfileOptions options;
  options.duplicate_exact_limit = 1000;
  Result<Profile> one_thread = ProfileCsv(csv, options, 1, 4096);
  ASSERT_TRUE(one_thread.ok());
  EXPECT_TRUE(one_thread->duplicates.exact);
  EXPECT_EQ(one_thread->duplicates.Count().rows, 2000u);

  options.duplicate_exact_limit = 500;
  Result<Profile> beyond = ProfileCsv(csv, options, 2, 4096);
  ASSERT_TRUE(beyond.ok());
  EXPECT_FALSE(beyond->duplicates.exact);
  EXPECT_EQ(beyond->duplicates.exact_rows.size(), 0u);
  EXPECT_NEAR(static_cast<double>(beyond->duplicates.Count().rows), 2000, 20);
}

TEST_F(ProfilerTest, SameProfileWhateverTheThreadsAndChunks) {
  const std::string csv = MixedCsv(20000, 3);
  Result<Profile> whole = ProfileCsv(csv, {}, 1, 1 << 24);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  Result<Profile> one_thread = ProfileCsv(csv, {}, 1, 4096);
  Result<Profile> threads = ProfileCsv(csv, {}, 2, 4096);
  ASSERT_TRUE(one_thread.ok() && threads.ok());
  // Chunking changes the floating-point summation order, not the counts.
  const json expected = SummarizeProfile(*one_thread);
  EXPECT_EQ(SummarizeProfile(*threads), expected);
  const json single = SummarizeProfile(*whole);
  EXPECT_EQ(single["duplicates"], expected["duplicates"]);
  EXPECT_EQ(Column(single, "city"), Column(expected, "city"));
  EXPECT_NEAR(Column(single, "x")["numeric"]["mean"].get<double>(),
              Column(expected, "x")["numeric"]["mean"].get<double>(), 1e-12);
}

TEST_F(ProfilerTest, MergedShardsEqualTheWhole) {
  const std::string csv = MixedCsv(6000, 5);
  const size_t cut = csv.find('\n', csv.size() / 2) + 1;
  const std::string header = csv.substr(0, csv.find('\n') + 1);
  Result<Profile> whole = ProfileCsv(csv, {}, 2, 8192, "whole.csv");
  Result<Profile> first = ProfileCsv(csv.substr(0, cut), {}, 2, 8192, "first.csv");
  Result<Profile> second = ProfileCsv(header + csv.substr(cut), {}, 2, 8192, "second.csv");
  ASSERT_TRUE(whole.ok() && first.ok() && second.ok());
  // Through JSON, as `steward profile merge` does.
  Result<Profile> merged = ProfileFromJson(ProfileToJson(*first));
  Result<Profile> part = ProfileFromJson(ProfileToJson(*second));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ASSERT_TRUE(part.ok()) << part.status().message();
  ASSERT_TRUE(MergeProfiles(*merged, *part).ok());
  const json a = SummarizeProfile(*whole);
  const json b = SummarizeProfile(*merged);
  EXPECT_EQ(a["rows"], b["rows"]);
  EXPECT_EQ(a["duplicates"], b["duplicates"]);
  for (const char* name : {"id", "x", "y", "city", "note", "when"}) {
    const json& x = Column(a, name);
    const json& y = Column(b, name);
    EXPECT_EQ(x["missing"], y["missing"]) << name;
    EXPECT_EQ(x["distinct"], y["distinct"]) << name;
    if (x.contains("numeric")) {
      for (const char* stat : {"mean", "std", "skewness", "kurtosis", "min", "max"}) {
        EXPECT_NEAR(x["numeric"][stat].get<double>(), y["numeric"][stat].get<double>(),
                    1e-9 * std::max(1.0, std::abs(x["numeric"][stat].get<double>())))
            << name << " " << stat;
      }
      EXPECT_EQ(x["numeric"]["quantiles"], y["numeric"]["quantiles"]) << name;
    }
    if (x.contains("top")) {
      EXPECT_EQ(x["top"], y["top"]) << name;
    }
  }
  EXPECT_NEAR(a["correlations"]["pearson"][0]["r"].get<double>(),
              b["correlations"]["pearson"][0]["r"].get<double>(), 1e-12);
  EXPECT_EQ(a["correlations"]["cramers_v"], b["correlations"]["cramers_v"]);
  EXPECT_EQ(b["sample"].size(), 100u);
}

TEST_F(ProfilerTest, TargetBalanceAndLeaks) {
  std::string csv = "score,leak,group,noise,label\n";
  std::mt19937 random(11);
  for (int row = 0; row < 2000; ++row) {
    const bool positive = random() % 5 == 0;
    csv += std::to_string(positive ? 10 + random() % 5 : random() % 5) + "," +
           (positive ? "yes" : "no") + ",g" + std::to_string(random() % 3) + "," +
           std::to_string(random() % 100) + "," + (positive ? "bad" : "good") + "\n";
  }
  ProfileOptions options;
  options.target = "label";
  const json summary = Summary(csv, options);
  const json& target = summary["target"];
  ASSERT_EQ(target["classes"].size(), 2u);
  std::vector<std::string> leaks;
  for (const json& leak : target["leaks"])
    leaks.push_back(leak["column"]);
  EXPECT_THAT(leaks, ::testing::UnorderedElementsAre("score", "leak"));
}

TEST_F(ProfilerTest, BatchesArrivingOutOfOrderKeepEveryCategoryCount) {
  // Batch 1 knows a category that batch 0 does not; it may be profiled first.
  auto few = std::make_shared<const Categories>(Categories{"a"});
  auto more = std::make_shared<const Categories>(Categories{"a", "b"});
  Result<Schema> schema = Schema::Make({{"g", ColumnKind::kCategorical}});
  ASSERT_TRUE(schema.ok());
  Result<Table> first = Table::Make(*schema, {Column::Categorical({0, 0}, few)});
  Result<Table> second = Table::Make(*schema, {Column::Categorical({1, 1, 0}, more)});
  ASSERT_TRUE(first.ok() && second.ok());
  Result<std::unique_ptr<Profiler>> profiler = Profiler::Make(*schema, {}, "test");
  ASSERT_TRUE(profiler.ok());
  ASSERT_TRUE((*profiler)->AddBatch(1, *second).ok());
  ASSERT_TRUE((*profiler)->AddBatch(0, *first).ok());
  Result<Profile> profile = (*profiler)->Finish();
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  const std::map<std::string, uint64_t> expected{{"a", 3}, {"b", 2}};
  EXPECT_EQ(profile->columns[0].label_counts, expected);
}

TEST_F(ProfilerTest, UnknownTargetIsAnErrorNamingIt) {
  ProfileOptions options;
  options.target = "nope";
  Result<Profile> profile = ProfileCsv("a,b\n1,2\n", options);
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.status().message(), ::testing::HasSubstr("nope"));
}

// Beyond 10,000 distinct rows the row hashes are not written, but the exact count is, and it
// survives being read and written again (found by the profile fuzzer).
TEST_F(ProfilerTest, AnExactDuplicateCountSurvivesRewriting) {
  std::string csv = "a\n";
  for (int row = 0; row < 10'130; ++row)
    csv += std::to_string(row < 10'100 ? row : row - 10'100) + "\n";
  Result<Profile> profile = ProfileCsv(csv);
  ASSERT_TRUE(profile.ok());
  Result<Profile> read = ProfileFromJson(ProfileToJson(*profile));
  ASSERT_TRUE(read.ok());
  Result<Profile> reread = ProfileFromJson(ProfileToJson(*read));
  ASSERT_TRUE(reread.ok());
  EXPECT_EQ(ProfileToJson(*reread), ProfileToJson(*read));
  for (const Profile* p : {&*profile, &*read, &*reread}) {
    EXPECT_TRUE(p->duplicates.Count().exact);
    EXPECT_EQ(p->duplicates.Count().rows, 30u);
  }
}

TEST_F(ProfilerTest, BadProfileJsonIsRefusedNamingTheField) {
  Result<Profile> profile = ProfileCsv("a,b\n1,x\n2,y\n");
  ASSERT_TRUE(profile.ok());
  const json good = ProfileToJson(*profile);
  EXPECT_TRUE(ProfileFromJson(good).ok());
  json wrong_format = good;
  wrong_format["format"] = "steward.profile/9";
  EXPECT_THAT(ProfileFromJson(wrong_format).status().message(),
              ::testing::HasSubstr("steward.profile/9"));
  json bad_count = good;
  bad_count["state"]["columns"][0]["missing"] = 99;
  EXPECT_THAT(ProfileFromJson(bad_count).status().message(),
              ::testing::HasSubstr("state.columns[0]"));
  json no_rows = good;
  no_rows["state"].erase("rows");
  EXPECT_THAT(ProfileFromJson(no_rows).status().message(), ::testing::HasSubstr("'rows'"));
  json bad_sketch = good;
  bad_sketch["state"]["columns"][0]["numeric"]["quantiles"] = "garbage";
  EXPECT_FALSE(ProfileFromJson(bad_sketch).ok());
  EXPECT_FALSE(ProfileFromJson(json::array()).ok());
}

}  // namespace
}  // namespace steward::profile
