# Every third-party dependency comes from a Debian package; scripts/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
find_package(PostgreSQL REQUIRED)
find_package(tomlplusplus 3 REQUIRED CONFIG)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# Hyperscan: one multi-pattern database for every PII detector (scan-pii).
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# XGBoost's CMake config needs the xgboost CLI package installed; its pkg-config file does not.
pkg_check_modules(XGB REQUIRED IMPORTED_TARGET xgboost)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(OpenSSL 3 REQUIRED)
# The server: Beast and Asio (header-only) and simdjson on the request path.
find_package(Boost 1.74 REQUIRED)
find_package(simdjson REQUIRED CONFIG)
if(STEWARD_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()
