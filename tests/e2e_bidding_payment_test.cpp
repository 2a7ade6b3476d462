// Paying a won campaign order (issue 11) with tixd's instant payments on its test clock: confirm
// pays it, GET /orders/{id} shows it, an unpaid order expires at its pay_by and its unit goes back
// into the product's stock, a winner may decline, nobody else may act on it. (Through the payment
// provider: e2e_payments_test.)
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/bidding_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr seconds kMinute{60};

class BiddingPayment : public BiddingTest {
  protected:
    // `winner` wins one unit of a new product with `stock` units, in a campaign that ends a
    // minute from now and gives its winners `window` to pay; the won order.
    json::value Win(TestUser& winner, std::int64_t stock, seconds window) {
        product_ = NewProduct(stock);
        CampaignDraft draft;
        draft.payment_window_seconds = window.count();
        const json::value campaign_id =
            Member(NewCampaign(product_, 1, seconds{0}, kMinute, draft), "campaign_id");
        EXPECT_EQ(Member(GetCampaign(server().admin(), campaign_id).json, "payment_window_seconds"),
                  json::value(window.count()));
        EXPECT_EQ(PlaceBid(winner.http(), campaign_id, 250).status, 201);
        Advance(kMinute);
        const Response orders = CampaignOrders(server().admin(), campaign_id);
        const json::array& list = GetArray(orders.json, "orders");
        if (list.size() != 1) {
            ADD_FAILURE() << orders;
            return nullptr;
        }
        return list[0];
    }
    std::int64_t Stock() { return GetInt(GetProduct(server().admin(), product_).json, "stock"); }

    json::value product_;
};

TEST_F(BiddingPayment, TheWinnerConfirmsAndTheOrderIsPaid) {
    TestUser winner = server().NewUser("winner");
    const json::value won = Win(winner, 3, kMinute * 30);
    const json::value order_id = Member(won, "order_id");
    EXPECT_EQ(GetString(won, "status"), "awaiting_payment");
    EXPECT_EQ(GetInt(won, "amount_minor"), 250'00);
    const auto pay_by = GetTime(won, "pay_by");
    const auto created_at = GetTime(won, "created_at");
    ASSERT_TRUE(pay_by && created_at);
    EXPECT_EQ(*pay_by - *created_at, kMinute * 30);
    EXPECT_EQ(GetTime(won, "expires_at"), pay_by);

    const Response read = GetOrder(winner.http(), order_id);
    ASSERT_EQ(read.status, 200) << read;
    EXPECT_EQ(GetString(read.json, "kind"), "campaign");

    TestUser other = server().NewUser("other");
    EXPECT_TRUE(IsProblem(GetOrder(other.http(), order_id), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Confirm(other.http(), order_id), 403, {"forbidden"}));

    const Response paid = Confirm(winner.http(), order_id);
    ASSERT_EQ(paid.status, 200) << paid;
    EXPECT_EQ(GetString(paid.json, "status"), "paid");
    EXPECT_TRUE(Member(paid.json, "expires_at").is_null());
    EXPECT_EQ(GetString(GetOrder(winner.http(), order_id).json, "status"), "paid");
    EXPECT_EQ(Confirm(winner.http(), order_id).status, 200) << "confirming twice is no error";
    EXPECT_TRUE(IsProblem(Cancel(winner.http(), order_id), 409, {}));
    Advance(kMinute * 31);
    EXPECT_EQ(GetString(GetOrder(winner.http(), order_id).json, "status"), "paid");
    EXPECT_EQ(Stock(), 2);
}

TEST_F(BiddingPayment, AnUnpaidOrderExpiresAtPayByAndItsUnitGoesBackIntoStock) {
    TestUser winner = server().NewUser("winner");
    const json::value order_id = Member(Win(winner, 1, kMinute * 2), "order_id");
    EXPECT_EQ(Stock(), 0);
    Advance(kMinute * 2);
    const Response expired = GetOrder(winner.http(), order_id);
    EXPECT_EQ(GetString(expired.json, "status"), "expired") << expired;
    EXPECT_EQ(Stock(), 1);
    EXPECT_TRUE(IsProblem(Confirm(winner.http(), order_id), 409, {}));
    EXPECT_EQ(Stock(), 1) << "a refused confirm changes nothing";
}

TEST_F(BiddingPayment, TheWinnerMayDeclineAndTheUnitGoesBack) {
    TestUser winner = server().NewUser("winner");
    const json::value order_id = Member(Win(winner, 1, kMinute * 10), "order_id");
    const Response declined = Cancel(winner.http(), order_id);
    ASSERT_EQ(declined.status, 200) << declined;
    EXPECT_EQ(GetString(declined.json, "status"), "cancelled");
    EXPECT_EQ(Stock(), 1);
    EXPECT_TRUE(IsProblem(Confirm(winner.http(), order_id), 409, {}));
}

TEST_F(BiddingPayment, ACampaignRefusesAPaymentWindowOutOfRange) {
    const json::value product = NewProduct(1);
    CampaignDraft draft;
    draft.product_id = product;
    draft.start_time = std::chrono::floor<seconds>(ServerNow());
    draft.end_time = draft.start_time + kMinute;
    draft.payment_window_seconds = 10;
    const Response refused = server().admin().Post("/api/v1/campaigns", draft.ToJson());
    EXPECT_TRUE(IsProblem(refused, 400, {})) << refused;
}

}  // namespace
}  // namespace tix::test
