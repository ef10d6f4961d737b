#include "server/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace jejak::server {

namespace {

const prometheus::Histogram::BucketBoundaries kSeconds = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
const prometheus::Histogram::BucketBoundaries kEvents = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000};

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("jejak_http_requests_total")
                    .Help("HTTP requests answered, by method, route and status")
                    .Register(*registry_)),
      durations_(prometheus::BuildHistogram()
                     .Name("jejak_http_request_duration_seconds")
                     .Help("From a request's headers read to its answer written")
                     .Register(*registry_)),
      batch_events_(prometheus::BuildHistogram()
                        .Name("jejak_append_batch_events")
                        .Help("Events per POST /v1/events that was recorded")
                        .Register(*registry_)
                        .Add({}, kEvents)),
      connections_(prometheus::BuildGauge()
                       .Name("jejak_http_open_connections")
                       .Help("Connections open now")
                       .Register(*registry_)
                       .Add({})),
      subscribers_(prometheus::BuildGauge()
                       .Name("jejak_subscribers")
                       .Help("GET /v1/subscribe feeds open now")
                       .Register(*registry_)
                       .Add({})),
      head_(prometheus::BuildGauge()
                .Name("jejak_log_head_position")
                .Help("The log's last position")
                .Register(*registry_)
                .Add({})),
      lag_(prometheus::BuildGauge()
               .Name("jejak_projection_lag_events")
               .Help("Events recorded and not yet folded into the profile projection")
               .Register(*registry_)
               .Add({})) {}

Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
  requests_
      .Add({{"method", std::string(method)},
            {"route", std::string(route)},
            {"status", std::to_string(status)}})
      .Increment();
  durations_.Add({{"method", std::string(method)}, {"route", std::string(route)}}, kSeconds)
      .Observe(seconds);
}

void Metrics::ObserveAppend(size_t events) { batch_events_.Observe(static_cast<double>(events)); }

void Metrics::ConnectionOpened() { connections_.Increment(); }

void Metrics::ConnectionClosed() { connections_.Decrement(); }

void Metrics::SubscriberStarted() { subscribers_.Increment(); }

void Metrics::SubscriberEnded() { subscribers_.Decrement(); }

std::string Metrics::Render(uint64_t head, uint64_t projected) {
  head_.Set(static_cast<double>(head));
  lag_.Set(static_cast<double>(head > projected ? head - projected : 0));
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace jejak::server
