#pragma once

namespace steward::cli {

// Runs the steward command line; returns the process exit code:
// 0 ok, 1 a check failed, 2 usage or input error, 70 internal error.
int Main(int argc, char** argv);

}  // namespace steward::cli
