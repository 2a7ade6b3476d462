// The bidding flash-sales' part of the SQLite journal (issue 11): four tables beside `orders`,
// written in SqliteJournal's transaction and read back by its Load.
//
//   products         one row per product, its latest state (the stock settlements left)
//   campaigns        one row per campaign, its latest state (settled, winners, final_sha256)
//   bids             one row per bid, appended: re-bids are new rows, so the history is kept
//   campaign_orders  one row per winner's order, made by the settlement, its latest state
//
// A settlement's rows (campaign, orders, product) arrive in one batch and so in one transaction:
// on disk it is whole or absent. Doubles are REAL, which keeps their bits (Score never makes -0,
// whose sign REAL would lose). The tables are created if missing, so an older journal opens as it
// is. Used by SqliteJournal's thread alone.
#pragma once

#include <memory>

#include "common/status.h"
#include "engine/bidding.h"
#include "store/sqlite.h"

namespace tix::store {

class BiddingTables {
  public:
    // Creates the tables if missing and prepares the statements.
    static Result<BiddingTables> Open(Database& db);

    // Upserts every product, campaign and order (later records replace earlier ones), inserts
    // every bid. REQUIRES: inside the caller's transaction.
    Status Append(const engine::BiddingChanges& changes);
    // Every product, campaign, bid and order, each ascending by id.
    Status Load(engine::BiddingSnapshot& snapshot);

  private:
    explicit BiddingTables(Database& db) : db_(&db) {}
    Status Prepare();
    Status AppendProducts(const engine::BiddingChanges& changes);
    Status AppendCampaigns(const engine::BiddingChanges& changes);
    Status AppendBids(const engine::BiddingChanges& changes);
    Status AppendOrders(const engine::BiddingChanges& changes);
    Status LoadProducts(engine::BiddingSnapshot& snapshot);
    Status LoadCampaigns(engine::BiddingSnapshot& snapshot);
    Status LoadBids(engine::BiddingSnapshot& snapshot);
    Status LoadOrders(engine::BiddingSnapshot& snapshot);

    Database* db_;
    std::unique_ptr<Statement> upsert_product_;
    std::unique_ptr<Statement> upsert_campaign_;
    std::unique_ptr<Statement> insert_bid_;
    std::unique_ptr<Statement> upsert_order_;
};

}  // namespace tix::store
