#include "queue_monitor.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr std::chrono::seconds kTimeout{10};

std::uint64_t Count(const json::object& object, std::string_view key, bool& ok) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || !value->is_number() || value->to_number<std::int64_t>() < 0) {
        ok = false;
        return 0;
    }
    return static_cast<std::uint64_t>(value->to_number<std::int64_t>());
}

double SecondsSince(TimePoint start) {
    const auto now = std::chrono::system_clock::now();
    return std::chrono::duration<double>(now - start).count();
}

}  // namespace

QueueMonitor::QueueMonitor(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                           std::int64_t event_id, TimePoint sale_starts_at)
    : connection_(io, server, kTimeout, *this),
      timer_(io),
      queue_path_("/api/v1/events/" + std::to_string(event_id) + "/queue"),
      availability_path_("/api/v1/events/" + std::to_string(event_id) + "/availability"),
      sale_starts_at_(sale_starts_at) {}

void QueueMonitor::Start() {
    stopped_ = false;
    SendQueue();
}

void QueueMonitor::Stop() {
    stopped_ = true;
    timer_.cancel();
}

void QueueMonitor::SendQueue() {
    cycle_start_ = std::chrono::steady_clock::now();
    step_ = Step::kQueue;
    connection_.Send("GET", queue_path_, {}, {});
}

void QueueMonitor::OnAnswer(const HttpAnswer& answer) {
    if (stopped_) return;
    const bool ok =
        !answer.error && answer.status == 200 &&
        (step_ == Step::kQueue ? ReadQueue(answer.body) : ReadAvailability(answer.body));
    if (!ok) {
        ++errors_;
        return ScheduleNext();
    }
    if (step_ == Step::kQueue) {
        step_ = Step::kAvailability;
        connection_.Send("GET", availability_path_, {}, {});
        return;
    }
    samples_.push_back(reading_);
    ScheduleNext();
}

bool QueueMonitor::ReadQueue(std::string_view body) {
    json::error_code error;
    const json::value value = json::parse(body, error);
    const json::object* object = error ? nullptr : value.if_object();
    if (object == nullptr) return false;
    bool ok = true;
    reading_ = QueueSample{.at_s = SecondsSince(sale_starts_at_),
                           .waiting = Count(*object, "waiting", ok),
                           .admitted_active = Count(*object, "admitted_active", ok),
                           .admitted_total = Count(*object, "admitted_total", ok)};
    const json::value* paused = object->if_contains("paused");
    reading_.paused = paused != nullptr && paused->is_bool() && paused->as_bool();
    return ok;
}

bool QueueMonitor::ReadAvailability(std::string_view body) {
    json::error_code error;
    const json::value value = json::parse(body, error);
    const json::object* object = error ? nullptr : value.if_object();
    const json::value* zones = object ? object->if_contains("zones") : nullptr;
    if (zones == nullptr || !zones->is_array()) return false;
    bool ok = true;
    std::uint64_t available = 0;
    for (const json::value& zone : zones->as_array()) {
        if (!zone.is_object()) return false;
        available += Count(zone.as_object(), "available", ok);
    }
    reading_.available = available;
    return ok;
}

void QueueMonitor::ScheduleNext() {
    timer_.expires_at(cycle_start_ + kSampleInterval);
    timer_.async_wait([this](boost::system::error_code error) {
        if (!error && !stopped_) SendQueue();
    });
}

}  // namespace tix::bench
