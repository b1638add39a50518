// An open-loop HTTP load generator: requests are sent on a fixed schedule (RATE per second over
// CONNECTIONS keep-alive connections) and each latency is measured from the moment the request
// was due, not from when it could be sent. A closed-loop tool (wrk) waits for each answer
// before sending the next request, so a slow server is offered less load and its queueing never
// shows in the percentiles ("coordinated omission"); wrk2 and vegeta are not in Debian.
//
//   open_loop_client HOST PORT PATH BODY_FILE RATE SECONDS CONNECTIONS [BEARER_KEY]
//
// Prints one JSON line: rate asked and achieved, requests, non-2xx, errors, p50/p90/p99/p99.9
// and max in milliseconds.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

int Connect(const char* host, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, host, &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return fd;
}

// Reads one response; returns its status, or -1 on a broken connection.
int ReadResponse(int fd, std::string& pending) {
  for (;;) {
    const size_t header_end = pending.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      size_t length = 0;
      const size_t field = pending.find("Content-Length: ");
      if (field != std::string::npos && field < header_end)
        length = std::strtoull(pending.c_str() + field + 16, nullptr, 10);
      if (pending.size() >= header_end + 4 + length) {
        const int status = std::atoi(pending.c_str() + 9);
        pending.erase(0, header_end + 4 + length);
        return status;
      }
    }
    char buffer[16384];
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0)
      return -1;
    pending.append(buffer, static_cast<size_t>(got));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::fprintf(
        stderr,
        "usage: open_loop_client HOST PORT PATH BODY_FILE RATE SECONDS CONNECTIONS [KEY]\n");
    return 2;
  }
  const char* host = argv[1];
  const int port = std::atoi(argv[2]);
  const std::string path = argv[3];
  std::ifstream file(argv[4], std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  const std::string body = contents.str();
  const double rate = std::atof(argv[5]);
  const double seconds = std::atof(argv[6]);
  const int connections = std::atoi(argv[7]);
  const std::string key = argc > 8 ? argv[8] : "";
  std::string request =
      "POST " + path + " HTTP/1.1\r\nHost: " + host +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n";
  if (!key.empty())
    request += "Authorization: Bearer " + key + "\r\n";
  request += "\r\n" + body;

  const auto start = Clock::now() + std::chrono::milliseconds(100);
  const auto interval = std::chrono::duration<double>(connections / rate);
  const auto total = static_cast<long>(rate * seconds);
  std::mutex mutex;
  std::vector<double> latencies;
  latencies.reserve(static_cast<size_t>(total));
  std::atomic<long> non_2xx{0};
  std::atomic<long> errors{0};
  std::vector<std::thread> threads;
  for (int connection = 0; connection < connections; ++connection) {
    threads.emplace_back([&, connection] {
      int fd = Connect(host, port);
      std::string pending;
      std::vector<double> mine;
      // This connection's requests are due at start + (connection + k * connections) / rate.
      for (long k = connection; k < total; k += connections) {
        const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                     interval * (static_cast<double>(k) / connections));
        std::this_thread::sleep_until(due);
        if (fd < 0)
          fd = Connect(host, port);
        if (fd < 0 || ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
                          static_cast<ssize_t>(request.size())) {
          ++errors;
          if (fd >= 0)
            ::close(fd);
          fd = -1;
          continue;
        }
        const int status = ReadResponse(fd, pending);
        if (status < 0) {
          ++errors;
          ::close(fd);
          fd = -1;
          pending.clear();
          continue;
        }
        if (status < 200 || status > 299)
          ++non_2xx;
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - due).count());
      }
      if (fd >= 0)
        ::close(fd);
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& thread : threads)
    thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  const auto at = [&](double quantile) {
    if (latencies.empty())
      return 0.0;
    const auto index = static_cast<size_t>(quantile * static_cast<double>(latencies.size() - 1));
    return latencies[index];
  };
  std::printf(
      "{\"rate\": %.0f, \"achieved\": %.1f, \"requests\": %zu, \"non_2xx\": %ld, \"errors\": %ld, "
      "\"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"p999_ms\": %.3f, \"max_ms\": "
      "%.3f}\n",
      rate, static_cast<double>(latencies.size()) / elapsed, latencies.size(), non_2xx.load(),
      errors.load(), at(0.5), at(0.9), at(0.99), at(0.999),
      latencies.empty() ? 0 : latencies.back());
  return 0;
}
