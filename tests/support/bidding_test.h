// BiddingTest: the fixture of the bidding black-box tests (issue 11): a tixd with --test-clock,
// whose time the test knows (the wall clock plus what it advanced), and products and campaigns
// made by the admin. Tests only; main thread.
#pragma once

#include <chrono>
#include <optional>

#include "support/bidding_api.h"
#include "support/tix_test.h"

namespace tix::test {

class BiddingTest : public TixTest {
  protected:
    TixServer::Options ServerOptions() const override { return {.extra_args = {"--test-clock"}}; }

    // tixd's time now, as far as the test can know it (to the millisecond, from this machine).
    TimePoint ServerNow() const { return Now() + advanced_; }
    // Moves tixd's clock; fails the test if tixd refuses.
    void Advance(std::chrono::seconds by) {
        const Response moved = AdvanceClock(server().admin(), by.count());
        ASSERT_EQ(moved.status, 200) << moved;
        advanced_ += by;
    }

    boost::json::value NewProduct(std::int64_t stock, double min_price = 100) {
        return CreateProduct(server().admin(), ProductBody(stock, min_price));
    }
    // A campaign of `product` with quota K, starting `starts_in` from now (whole seconds) and
    // lasting `lasts`; the created campaign's JSON.
    boost::json::value NewCampaign(const boost::json::value& product, std::int64_t quota,
                                   std::chrono::seconds starts_in, std::chrono::seconds lasts,
                                   CampaignDraft weights = {}) {
        weights.product_id = product;
        weights.quota = quota;
        weights.start_time = std::chrono::floor<std::chrono::seconds>(ServerNow()) + starts_in;
        weights.end_time = weights.start_time + lasts;
        return CreateCampaign(server().admin(), weights);
    }

    std::chrono::milliseconds advanced_{0};
};

}  // namespace tix::test
