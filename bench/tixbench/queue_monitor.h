// QueueMonitor: reads the waiting room's public counters (GET /events/{id}/queue: waiting,
// admitted_active, admitted_total, paused) and the event's availability every kSampleInterval
// while the queue scenario runs, on a connection of its own from 127.0.0.1. The samples are what
// the outflow and active_max checks are made of. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "admission_figures.h"
#include "common/time.h"
#include "http_connection.h"

namespace tix::bench {

class QueueMonitor final : public HttpConnection::Listener {
  public:
    // Five readings a second: a 10 s outflow window is measured to within a few hundredths.
    static constexpr std::chrono::milliseconds kSampleInterval{200};

    QueueMonitor(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                 std::int64_t event_id, TimePoint sale_starts_at);

    void Start();
    void Stop();

    // In time order; at_s is negative before the sale starts.
    const std::vector<QueueSample>& samples() const { return samples_; }
    std::uint64_t errors() const { return errors_; }

  private:
    enum class Step : std::uint8_t { kQueue, kAvailability };

    void SendQueue();
    void OnAnswer(const HttpAnswer& answer) override;
    bool ReadQueue(std::string_view body);
    bool ReadAvailability(std::string_view body);
    void ScheduleNext();

    HttpConnection connection_;
    boost::asio::steady_timer timer_;
    std::string queue_path_;
    std::string availability_path_;
    TimePoint sale_starts_at_;
    Step step_ = Step::kQueue;
    bool stopped_ = false;
    std::chrono::steady_clock::time_point cycle_start_;
    QueueSample reading_;
    std::vector<QueueSample> samples_;
    std::uint64_t errors_ = 0;
};

}  // namespace tix::bench
