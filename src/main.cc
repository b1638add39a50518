#include "steward/cli/cli.h"

int main(int argc, char** argv) { return steward::cli::Main(argc, argv); }
