// The queue scenario's run (issue 8 §4): the Taipei Dome on-sale through tixd's waiting room.
// Every user of the plan arrives at its time (in the pre-queue window or after the start), on
// its simulated client address, solves the real proof of work, joins, polls and buys when
// admitted, while a monitor reads the room's counters. Ends when every user's part has ended or
// at the time limit. One io_context thread for the network, one thread for proofs of work.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <ostream>

#include "queue_sale_result.h"

namespace tix::bench {

// Blocks until the run ends. `timeout`: per request.
QueueSaleResult RunQueueSale(const QueuePlan& plan, boost::asio::ip::tcp::endpoint server,
                             std::chrono::milliseconds timeout, std::ostream& log);

}  // namespace tix::bench
