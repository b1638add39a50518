#include <chrono>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "steward/cli/command.h"
#include "steward/cli/demo_data.h"
#include "steward/cli/inspect_report.h"
#include "steward/cli/profile_report.h"
#include "steward/io/atomic_file.h"
#include "steward/io/data_source.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"

namespace steward::cli {

// The demo runs Steward's lifecycle on a bundled data set. It grows with every capability;
// today it writes the data set into --out, inspects it and profiles it with its target.
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
  auto out_dir = std::make_shared<std::string>("demo-out");
  CLI::App* command =
      app.add_subcommand("demo", "Run Steward on the bundled credit data set (" +
                                     std::string(kDemoDataName) + ") and show what it finds");
  command->add_option("--out", *out_dir, "Folder for the demo's files")->capture_default_str();
  command->callback([&run, &global, out_dir] {
    run = [&global, out_dir]() -> int {
      std::error_code error;
      std::filesystem::create_directories(*out_dir, error);
      if (error) {
        return ReportError(
            Status::InvalidArgument("cannot create '" + *out_dir + "': " + error.message()));
      }
      const std::string data_path = *out_dir + "/" + std::string(kDemoDataName);
      Status written = io::WriteFileAtomically(data_path, DemoData());
      if (!written.ok())
        return ReportError(written);

      const auto start = std::chrono::steady_clock::now();
      Result<io::ReadResult> read = io::ReadSource(data_path, {});
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!read.ok())
        return ReportError(read.status());
      InspectReport report = BuildInspectReport(data_path, *read, seconds, 3);

      const auto profile_start = std::chrono::steady_clock::now();
      Result<std::unique_ptr<io::BatchReader>> reader = io::OpenSource(data_path, {});
      if (!reader.ok())
        return ReportError(reader.status());
      profile::ProfileOptions options;
      options.target = std::string(kDemoTarget);
      Result<profile::Profile> profiled = profile::ProfileBatches(**reader, options, data_path);
      if (!profiled.ok())
        return ReportError(profiled.status());
      const double profile_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - profile_start).count();
      const nlohmann::json profile_json = profile::ProfileToJson(*profiled);
      const std::string profile_path = *out_dir + "/profile.json";
      Status saved = io::WriteFileAtomically(
          profile_path,
          profile_json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      if (!saved.ok())
        return ReportError(saved);
      if (global.json) {
        nlohmann::json json = {{"data", data_path},
                               {"inspect", InspectReportToJson(report)},
                               {"profile", profile_json["summary"]},
                               {"profile_file", profile_path}};
        std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return kExitOk;
      }
      std::cout << "Steward demo: " << kDemoDataDescription << "\n"
                << "Data written to " << data_path << "\n\n"
                << "1. Inspect: what the data holds\n";
      PrintInspectReport(report, std::cout);
      std::cout << "\n2. Profile: statistics, correlations, target balance and alerts\n";
      PrintProfileReport(profile_json["summary"], profile_path, profile_seconds, std::cout);
      return kExitOk;
    };
  });
}

}  // namespace steward::cli
