#include <malloc.h>

#include "steward/cli/cli.h"

int main(int argc, char** argv) {
  // Parse tasks allocate and free column buffers of ~100 KiB per chunk. With glibc's
  // defaults those are fresh mmaps or trimmed heap each time, so every chunk pays its page
  // faults again (a tenth of a 1-thread read); keeping freed memory for reuse avoids that.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  return steward::cli::Main(argc, argv);
}
