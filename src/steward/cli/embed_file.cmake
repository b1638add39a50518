# Writes OUTPUT: a C++ file defining steward::cli::FUNCTION() that returns the bytes of INPUT,
# declared in HEADER.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," content "${content}")
file(WRITE "${OUTPUT}"
  "#include \"${HEADER}\"\n"
  "namespace steward::cli {\n"
  "namespace { constexpr char kBytes[] = {${content}}; }\n"
  "std::string_view ${FUNCTION}() { return std::string_view(kBytes, sizeof(kBytes)); }\n"
  "}  // namespace steward::cli\n")
