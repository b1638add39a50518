# Every third-party dependency comes from a Debian package; scripts/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
find_package(PostgreSQL REQUIRED)
if(STEWARD_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()
