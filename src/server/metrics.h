// Metrics: the server's Prometheus metrics (prometheus-cpp's core library),
// served as text at GET /metrics:
//   jejak_http_requests_total{method,route,status}       counter
//   jejak_http_request_duration_seconds{method,route}    histogram
//   jejak_append_batch_events                            histogram (events per POST)
//   jejak_http_open_connections                          gauge
//   jejak_subscribers                                    gauge (open /v1/subscribe feeds)
//   jejak_log_head_position, jejak_projection_lag_events gauge (set when scraped)
// `route` is the route's pattern ("-" for requests no route matched), so
// the label set stays small whatever clients send.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Registry;
class Histogram;
class Gauge;
template <typename T>
class Family;
class Counter;
}  // namespace prometheus

namespace jejak::server {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);
  void ObserveAppend(size_t events);
  void ConnectionOpened();
  void ConnectionClosed();
  void SubscriberStarted();
  void SubscriberEnded();

  // The Prometheus text exposition, with the log head and the projection's
  // lag behind it set first.
  std::string Render(uint64_t head, uint64_t projected);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
  prometheus::Histogram& batch_events_;
  prometheus::Gauge& connections_;
  prometheus::Gauge& subscribers_;
  prometheus::Gauge& head_;
  prometheus::Gauge& lag_;
};

}  // namespace jejak::server
