#include "http/client_address.h"

#include <gtest/gtest.h>

#include <vector>

namespace tix::http {
namespace {

IpAddress Ip(const char* text) { return ParseIpAddress(text).value(); }

TEST(ClientAddress, ParsesBothFamiliesAndUnmapsIpv4InIpv6) {
    EXPECT_EQ(Ip("203.0.113.5").to_string(), "203.0.113.5");
    EXPECT_EQ(Ip("2001:db8::1").to_string(), "2001:db8::1");
    EXPECT_EQ(Ip("::ffff:203.0.113.5"), Ip("203.0.113.5"));
    EXPECT_TRUE(IsLoopback(Ip("::ffff:127.0.0.1"))) << "a dual-stack socket's loopback";
    for (const char* bad :
         {"", "localhost", "203.0.113", "203.0.113.5:80", "unknown", " 1.2.3.4"}) {
        EXPECT_FALSE(ParseIpAddress(bad).has_value()) << bad;
    }
}

TEST(ClientAddress, LoopbackIsAll127AndIpv6One) {
    EXPECT_TRUE(IsLoopback(Ip("127.0.0.1")));
    EXPECT_TRUE(IsLoopback(Ip("127.8.9.10")));
    EXPECT_TRUE(IsLoopback(Ip("::1")));
    EXPECT_FALSE(IsLoopback(Ip("10.0.0.1")));
    EXPECT_FALSE(IsLoopback(Ip("2001:db8::1")));
}

TEST(ClientAddress, ForwardedForIsIgnoredUnlessThePeerIsATrustedProxy) {
    const std::vector<IpAddress> none;
    const std::vector<IpAddress> proxies = {Ip("10.0.0.2")};
    EXPECT_EQ(ResolveClientAddress(Ip("198.51.100.7"), "203.0.113.5", none), Ip("198.51.100.7"));
    EXPECT_EQ(ResolveClientAddress(Ip("198.51.100.7"), "203.0.113.5", proxies), Ip("198.51.100.7"))
        << "anyone may write the header: only a listed proxy is believed";
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "203.0.113.5", proxies), Ip("203.0.113.5"));
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "", proxies), Ip("10.0.0.2"))
        << "a proxy's own request";
}

TEST(ClientAddress, TheNearestUntrustedHopIsTheClient) {
    const std::vector<IpAddress> proxies = {Ip("10.0.0.2"), Ip("10.0.0.3")};
    // The client wrote "1.1.1.1" itself; the proxies appended what they saw.
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "1.1.1.1, 203.0.113.5, 10.0.0.3", proxies),
              Ip("203.0.113.5"));
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), " 203.0.113.5 ,, 10.0.0.3 ", proxies),
              Ip("203.0.113.5"));
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "10.0.0.3", proxies), Ip("10.0.0.3"))
        << "only proxies: the leftmost";
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "2001:db8::7", proxies), Ip("2001:db8::7"));
}

TEST(ClientAddress, AnEntryThatIsNoAddressStopsAtTheProxyThatReportedIt) {
    const std::vector<IpAddress> proxies = {Ip("10.0.0.2"), Ip("10.0.0.3")};
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "nonsense", proxies), Ip("10.0.0.2"));
    EXPECT_EQ(ResolveClientAddress(Ip("10.0.0.2"), "203.0.113.5, garbage, 10.0.0.3", proxies),
              Ip("10.0.0.3"));
}

TEST(ClientAddress, Ipv4AddressesHaveABucketEachAndIpv6OnePerSlash64) {
    EXPECT_NE(AddressBucket(Ip("203.0.113.5"), 1), AddressBucket(Ip("203.0.113.6"), 1));
    EXPECT_NE(AddressBucket(Ip("203.0.113.5"), 1), AddressBucket(Ip("203.0.113.5"), 2));
    EXPECT_EQ(AddressBucket(Ip("2001:db8:0:1::1"), 1), AddressBucket(Ip("2001:db8:0:1:ffff::9"), 1))
        << "one subscriber's /64";
    EXPECT_NE(AddressBucket(Ip("2001:db8:0:1::1"), 1), AddressBucket(Ip("2001:db8:0:2::1"), 1));
    EXPECT_NE(AddressBucket(Ip("0.0.0.0"), 1), AddressBucket(Ip("::"), 1));
}

}  // namespace
}  // namespace tix::http
