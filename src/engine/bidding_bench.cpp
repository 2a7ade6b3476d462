// Micro-benchmarks of bidding (issue 11) on one core, in engine_bench: re-bids in a campaign of a
// million participants (the whole engine step: score, rank tree, history, the recorded change),
// the rank tree alone, a top-100 read, the settlement of a million (winners' orders and the hash
// of the final ranking), and heap bytes per participant.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>
#include <random>
#include <vector>

#include "engine/engine.h"
#include "engine/rank_tree.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kStart = FromUnixMillis(1'800'000'000'000);
constexpr TimePoint kEnd = kStart + 24h;

struct Sale {
    std::unique_ptr<Engine> engine = std::make_unique<Engine>();
    CampaignId campaign;
};

// A campaign with `participants` bidders, one bid each, spread over its first ten minutes.
Sale MakeSale(std::uint32_t participants, std::uint32_t quota = 1'000) {
    Sale sale;
    Product product;
    product.name = "Bench jersey";
    product.initial_stock = kProductStockMax;
    product.currency = "TWD";
    const ProductId product_id = sale.engine->AddProduct(product, kStart).product_id;
    Campaign campaign;
    campaign.product_id = product_id;
    campaign.start_time = kStart;
    campaign.end_time = kEnd;
    campaign.quota = quota;
    sale.engine->AddCampaign(campaign, kStart, sale.campaign);
    std::mt19937_64 rng(7);
    JournalBatch drained;
    for (std::uint32_t user = 1; user <= participants; ++user) {
        const TimePoint at = kStart + std::chrono::milliseconds{rng() % 600'000};
        sale.engine->PlaceBid(
            {sale.campaign, UserId{user}, 100'00 + static_cast<int>(rng() % 10'000'00), 1.0}, at);
        if (user % 65'536 == 0) {
            sale.engine->DrainChanges(drained);
            drained.clear();
        }
    }
    sale.engine->DrainChanges(drained);
    return sale;
}

Sale& MillionSale() {
    static Sale sale = MakeSale(1'000'000);
    return sale;
}

void BM_BidRebidAmongAMillion(benchmark::State& state) {
    Sale& sale = MillionSale();
    std::mt19937_64 rng(11);
    JournalBatch drained;
    TimePoint now = kStart + 1h;
    std::uint64_t bids = 0;
    for (auto _ : state) {
        const UserId user{1 + rng() % 1'000'000};
        const BidResult result = sale.engine->PlaceBid(
            {sale.campaign, user, 100'00 + static_cast<int>(rng() % 10'000'00), 1.5}, now);
        benchmark::DoNotOptimize(result.rank);
        if (++bids % 4'096 == 0) {
            state.PauseTiming();
            sale.engine->DrainChanges(drained);
            drained.clear();
            now += 1ms;
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BidRebidAmongAMillion);

void BM_RankTreeAloneAmongAMillion(benchmark::State& state) {
    RankTree tree;
    std::vector<RankKey> keys(1'000'000);
    std::mt19937_64 rng(3);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keys[i] = {static_cast<double>(rng() % 1'000'000),
                   static_cast<std::int64_t>(rng() % 600'000), UserId{i + 1}};
        tree.insert(keys[i]);
    }
    for (auto _ : state) {
        RankKey& key = keys[rng() % keys.size()];
        tree.erase(key);
        key.score = static_cast<double>(rng() % 1'000'000);
        tree.insert(key);
        benchmark::DoNotOptimize(tree.order_of_key(key));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RankTreeAloneAmongAMillion);

void BM_TopHundredOfAMillion(benchmark::State& state) {
    Sale& sale = MillionSale();
    for (auto _ : state) {
        benchmark::DoNotOptimize(sale.engine->Bidding().Ranking(sale.campaign, 100, kStart + 1h));
    }
}
BENCHMARK(BM_TopHundredOfAMillion);

void BM_SettleAMillion(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        Sale sale = MakeSale(static_cast<std::uint32_t>(state.range(0)));
        std::vector<OrderId> expired;
        state.ResumeTiming();
        sale.engine->ExpireDue(kEnd, expired);
        state.PauseTiming();
        sale.engine.reset();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_SettleAMillion)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_MemoryPerParticipant(benchmark::State& state) {
    for (auto _ : state) {
        const std::size_t before = mallinfo2().uordblks;
        Sale sale = MakeSale(1'000'000);
        const std::size_t after = mallinfo2().uordblks;
        state.counters["bytes_per_participant"] = static_cast<double>(after - before) / 1e6;
    }
}
BENCHMARK(BM_MemoryPerParticipant)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tix::engine
