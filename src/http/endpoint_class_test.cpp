#include "http/endpoint_class.h"

#include <gtest/gtest.h>

namespace tix::http {
namespace {

using beast_http::verb;

struct Case {
    verb method;
    const char* pattern;
    EndpointClass expected;
};

// tixd's routes (and the queue's, which are to come), by the class their limits come from.
TEST(EndpointClass, EveryRouteOfTixdIsClassedByMethodAndPattern) {
    const Case cases[] = {
        {verb::post, "/api/v1/auth/register", EndpointClass::kAuth},
        {verb::post, "/api/v1/auth/login", EndpointClass::kAuth},
        {verb::post, "/api/v1/auth/refresh", EndpointClass::kAuth},
        {verb::post, "/api/v1/auth/logout", EndpointClass::kAuth},
        {verb::post, "/users/register", EndpointClass::kAuth},
        {verb::post, "/users/login", EndpointClass::kAuth},
        {verb::get, "/api/v1/auth/me", EndpointClass::kReads},
        {verb::post, "/api/v1/orders", EndpointClass::kOrders},
        {verb::post, "/orders/create", EndpointClass::kOrders},
        {verb::post, "/api/v1/orders/{order_id}/confirm", EndpointClass::kOrders},
        {verb::post, "/api/v1/orders/{order_id}/cancel", EndpointClass::kOrders},
        {verb::post, "/orders/{order_id}/confirm", EndpointClass::kOrders},
        {verb::post, "/orders/{order_id}/cancel", EndpointClass::kOrders},
        {verb::get, "/api/v1/orders", EndpointClass::kReads},
        {verb::get, "/api/v1/orders/{order_id}", EndpointClass::kReads},
        {verb::get, "/api/v1/users/{user_id}/orders", EndpointClass::kReads},
        {verb::get, "/orders/{user_id}", EndpointClass::kReads},
        {verb::post, "/api/v1/events/{event_id}/queue", EndpointClass::kQueue},
        {verb::get, "/api/v1/events/{event_id}/queue", EndpointClass::kQueue},
        {verb::get, "/api/v1/events/{event_id}/queue/position", EndpointClass::kQueue},
        {verb::delete_, "/api/v1/events/{event_id}/queue", EndpointClass::kQueue},
        {verb::post, "/api/v1/admin/users/{id}/ban", EndpointClass::kReads},
        {verb::get, "/api/v1/events", EndpointClass::kReads},
        {verb::post, "/api/v1/payments/webhook", EndpointClass::kWebhooks},
        {verb::post, "/api/v1/checkin", EndpointClass::kCheckin},
        {verb::post, "/api/v1/events/{event_id}/checkin", EndpointClass::kCheckin},
        {verb::get, "/api/v1/events/{event_id}/checkin/bundle", EndpointClass::kCheckin},
        {verb::post, "/api/v1/events/{event_id}/checkin/upload", EndpointClass::kCheckin},
        {verb::post, "/api/v1/orders/{order_id}/pay", EndpointClass::kOrders},
        {verb::post, "/api/v1/orders/{order_id}/refund", EndpointClass::kOrders},
        {verb::post, "/api/v1/admin/reconcile", EndpointClass::kReads},
        {verb::get, "/api/v1/events/{event_id}", EndpointClass::kReads},
        {verb::get, "/api/v1/events/{event_id}/availability", EndpointClass::kReads},
        {verb::get, "/events/{event_id}/tickets", EndpointClass::kReads},
        {verb::get, "/health", EndpointClass::kReads},
        {verb::post, "/api/v1/events", EndpointClass::kReads},
        {verb::post, "/api/v1/admin/users/bulk", EndpointClass::kReads},
        {verb::post, "/api/v1/admin/clock/advance", EndpointClass::kReads},
        {verb::get, "/", EndpointClass::kReads},
        {verb::post, "/api/v1/bids", EndpointClass::kBids},
        {verb::get, "/api/v1/bids/{campaign_id}/history", EndpointClass::kReads},
        {verb::get, "/api/v1/rankings/{campaign_id}", EndpointClass::kReads},
        {verb::get, "/api/v1/orders/campaign/{campaign_id}", EndpointClass::kReads},
        {verb::post, "/api/v1/products", EndpointClass::kReads},
        {verb::post, "/api/v1/campaigns", EndpointClass::kReads},
        {verb::patch, "/api/v1/admin/users/{id}", EndpointClass::kReads},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(ClassifyRoute(c.method, c.pattern), c.expected)
            << c.pattern << " is " << EndpointClassName(ClassifyRoute(c.method, c.pattern));
    }
}

TEST(EndpointClass, NamesAreTheConfigurationsWords) {
    EXPECT_EQ(EndpointClassName(EndpointClass::kAuth), "auth");
    EXPECT_EQ(EndpointClassName(EndpointClass::kOrders), "orders");
    EXPECT_EQ(EndpointClassName(EndpointClass::kQueue), "queue");
    EXPECT_EQ(EndpointClassName(EndpointClass::kReads), "reads");
    EXPECT_EQ(EndpointClassName(EndpointClass::kWebhooks), "webhooks");
    EXPECT_EQ(EndpointClassName(EndpointClass::kCheckin), "checkin");
    EXPECT_EQ(EndpointClassName(EndpointClass::kBids), "bids");
    EXPECT_EQ(EndpointClassName(EndpointClass::kStatic), "static");
}

}  // namespace
}  // namespace tix::http
