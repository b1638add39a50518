#!/usr/bin/env bash
# End-to-end tests of the steward binary: each *.test file in this folder runs one command and
# states what must come out. Format (in the spirit of sqllogictest):
#   # comment
#   run steward ARGS...            (the command; $DATA is the repository's data/, $TMP a scratch dir)
#   stdin FILE                     (optional: feed FILE on stdin)
#   ----
#   exit N                         (the exit code)
#   stdout: TEXT                   (stdout contains TEXT; repeatable)
#   stderr: TEXT                   (stderr contains TEXT; repeatable)
#   stderr-not: TEXT               (stderr does not contain TEXT)
#   stdout-json: JQ-LIKE = VALUE   (a /usr/bin/python3 expression on the parsed JSON `j` equals VALUE)
#   file: PATH contains TEXT       (a file the command wrote contains TEXT)
# STEWARD_BIN and STEWARD_SOURCE_DIR come from CTest; CLI_TEST_SHARD=I/N runs every Nth test
# from the Ith (0-based), so CTest can run the shards in parallel.
set -uo pipefail
: "${STEWARD_BIN:?}" "${STEWARD_SOURCE_DIR:?}"
DATA="$STEWARD_SOURCE_DIR/data"
shard=${CLI_TEST_SHARD:-0/1}
shard_index=${shard%/*}
shard_count=${shard#*/}
failures=0
count=0
position=-1
for test_file in "$(dirname "$0")"/*.test; do
  position=$((position + 1))
  (( position % shard_count == shard_index )) || continue
  count=$((count + 1))
  started=$SECONDS
  TMP=$(mktemp -d)
  command_line=$(grep -m1 '^run ' "$test_file" | sed 's/^run steward //')
  stdin_file=$(grep -m1 '^stdin ' "$test_file" | sed 's/^stdin //')
  command_line=${command_line//\$DATA/$DATA}
  command_line=${command_line//\$TMP/$TMP}
  stdin_file=${stdin_file//\$DATA/$DATA}
  stdin_file=${stdin_file//\$TMP/$TMP}
  # Files the test needs, written before the run: lines "write PATH <<< TEXT" (\n for newlines).
  while IFS= read -r line; do
    target=${line#write }; target=${target%% <<< *}; target=${target//\$TMP/$TMP}
    printf '%b' "${line#* <<< }" > "$target"
  done < <(grep '^write ' "$test_file")
  if [[ -n "$stdin_file" ]]; then
    (cd "$TMP" && eval "\"$STEWARD_BIN\" $command_line" < "$stdin_file" > "$TMP/.stdout" 2> "$TMP/.stderr")
  else
    (cd "$TMP" && eval "\"$STEWARD_BIN\" $command_line" < /dev/null > "$TMP/.stdout" 2> "$TMP/.stderr")
  fi
  actual_exit=$?
  problems=()
  expectations=$(sed -n '/^----$/,$p' "$test_file" | tail -n +2)
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    line=${line//\$DATA/$DATA}
    line=${line//\$TMP/$TMP}
    case "$line" in
      "exit "*)
        [[ "$actual_exit" == "${line#exit }" ]] || problems+=("exit $actual_exit, expected ${line#exit }") ;;
      "stdout: "*)
        grep -qF -- "${line#stdout: }" "$TMP/.stdout" || problems+=("stdout lacks: ${line#stdout: }") ;;
      "stderr: "*)
        grep -qF -- "${line#stderr: }" "$TMP/.stderr" || problems+=("stderr lacks: ${line#stderr: }") ;;
      "stderr-not: "*)
        ! grep -qF -- "${line#stderr-not: }" "$TMP/.stderr" || problems+=("stderr contains: ${line#stderr-not: }") ;;
      "stderr-empty")
        [[ ! -s "$TMP/.stderr" ]] || problems+=("stderr is not empty") ;;
      "stdout-json: "*)
        expression=${line#stdout-json: }
        left=${expression% = *}; right=${expression##* = }
        if ! /usr/bin/python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
actual = eval(sys.argv[2])
expected = json.loads(sys.argv[3])
sys.exit(0 if actual == expected else 1)" "$TMP/.stdout" "$left" "$right" 2>/dev/null; then
          problems+=("json: $left != $right")
        fi ;;
      "file: "*)
        rest=${line#file: }; path=${rest%% contains *}; text=${rest#* contains }
        grep -qF -- "$text" "$path" 2>/dev/null || problems+=("$path lacks: $text") ;;
      *) problems+=("unknown expectation: $line") ;;
    esac
  done <<< "$expectations"
  if [[ ${#problems[@]} -gt 0 ]]; then
    failures=$((failures + 1))
    echo "FAIL $(basename "$test_file"): steward $command_line"
    for problem in "${problems[@]}"; do echo "  - $problem"; done
    echo "  stdout: $(head -c 600 "$TMP/.stdout")"
    echo "  stderr: $(head -c 600 "$TMP/.stderr")"
  else
    echo "ok   $(basename "$test_file") ($((SECONDS - started)) s)"
  fi
  rm -rf "$TMP"
done
echo "$((count - failures)) of $count end-to-end tests passed"
[[ $failures -eq 0 ]]
