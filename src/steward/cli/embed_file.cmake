# Writes OUTPUT: a C++ file defining steward::cli::FUNCTION() that returns the bytes of INPUT,
# declared in HEADER.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," content "${content}")
file(WRITE "${OUTPUT}"
  "#include \"${HEADER}\"\n"
  "namespace steward::cli {\n"
  "namespace { constexpr char k${FUNCTION}Bytes[] = {${content}}; }\n"
  "std::string_view ${FUNCTION}() { return std::string_view(k${FUNCTION}Bytes, sizeof(k${FUNCTION}Bytes)); }\n"
  "}  // namespace steward::cli\n")
