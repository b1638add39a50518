# Writes OUTPUT: a C++ file defining steward::cli::DemoData() that returns the bytes of INPUT.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," content "${content}")
file(WRITE "${OUTPUT}"
  "#include \"steward/cli/demo_data.h\"\n"
  "namespace steward::cli {\n"
  "namespace { constexpr char kBytes[] = {${content}}; }\n"
  "std::string_view DemoData() { return std::string_view(kBytes, sizeof(kBytes)); }\n"
  "}  // namespace steward::cli\n")
