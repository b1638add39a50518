#include "steward/io/jsonl_reader.h"

#include <gtest/gtest.h>
