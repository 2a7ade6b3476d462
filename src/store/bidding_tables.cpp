#include "store/bidding_tables.h"

#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace tix::store {
namespace {

using engine::BidId;
using engine::CampaignId;
using engine::ProductId;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS products (
    product_id      INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    image_url       TEXT NOT NULL,
    initial_stock   INTEGER NOT NULL,
    stock           INTEGER NOT NULL,
    min_price_minor INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id  INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products(product_id),
    start_time   INTEGER NOT NULL,
    end_time     INTEGER NOT NULL,
    alpha        REAL NOT NULL,
    beta         REAL NOT NULL,
    gamma        REAL NOT NULL,
    quota        INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    settled      INTEGER NOT NULL,
    settled_at   INTEGER NOT NULL,
    winners      INTEGER NOT NULL,
    final_sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bids (
    bid_id        INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(campaign_id),
    user_id       INTEGER NOT NULL,
    price_minor   INTEGER NOT NULL,
    elapsed_ms    INTEGER NOT NULL,
    member_weight REAL NOT NULL,
    score         REAL NOT NULL,
    bid_number    INTEGER NOT NULL,
    placed_at     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS campaign_orders (
    order_id          INTEGER PRIMARY KEY,
    campaign_id       INTEGER NOT NULL REFERENCES campaigns(campaign_id),
    product_id        INTEGER NOT NULL,
    user_id           INTEGER NOT NULL,
    bid_id            INTEGER NOT NULL REFERENCES bids(bid_id),
    final_price_minor INTEGER NOT NULL,
    final_score       REAL NOT NULL,
    final_rank        INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    created_at        INTEGER NOT NULL
);
)sql";

// Columns added after the tables first landed (winners' payments), for journals made before.
// NULL pay_by and updated_at: a row from before, read as its created_at plus the default window.
constexpr std::array<std::string_view, 2> kAddedCampaignColumns[] = {
    {"payment_window_s", "INTEGER NOT NULL DEFAULT 3600"},
};
constexpr std::array<std::string_view, 2> kAddedOrderColumns[] = {
    {"status", "TEXT NOT NULL DEFAULT 'awaiting_payment'"},
    {"refund_reason", "TEXT NOT NULL DEFAULT 'none'"},
    {"pay_by", "INTEGER"},
    {"payment_expires_at", "INTEGER NOT NULL DEFAULT 0"},
    {"updated_at", "INTEGER"},
};
static_assert(engine::kPaymentWindowDefault == std::chrono::seconds{3600});

std::int64_t AsInt(std::uint64_t value) { return static_cast<std::int64_t>(value); }

// A row's columns as the engine's types, remembering whether each was in its range: a damaged
// row is Corruption, not a crash in the engine's Restore.
class Columns {
  public:
    explicit Columns(const Statement& row) : row_(row) {}
    bool ok() const { return ok_; }

    std::int64_t Int(int column) const { return row_.ColumnInt(column); }
    std::uint64_t Id(int column) {
        const std::int64_t value = row_.ColumnInt(column);
        ok_ = ok_ && value > 0;
        return static_cast<std::uint64_t>(value);
    }
    std::uint32_t Count(int column) {
        const std::int64_t value = row_.ColumnInt(column);
        ok_ = ok_ && value >= 0 && value <= std::numeric_limits<std::uint32_t>::max();
        return static_cast<std::uint32_t>(value);
    }
    bool Flag(int column) {
        const std::int64_t value = row_.ColumnInt(column);
        ok_ = ok_ && (value == 0 || value == 1);
        return value == 1;
    }
    double Real(int column) {
        double value = 0;
        ok_ = ok_ && row_.ColumnReal(column, value) && std::isfinite(value);
        return value;
    }
    TimePoint Time(int column) const { return FromUnixMillis(row_.ColumnInt(column)); }
    TimePoint TimeOr(int column, TimePoint if_null) const {
        return row_.ColumnIsNull(column) ? if_null : Time(column);
    }
    std::string Text(int column) const { return std::string(row_.ColumnText(column)); }

  private:
    const Statement& row_;
    bool ok_ = true;
};

bool IsSha256Hex(std::string_view text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == text.npos;
}

Status Damaged(std::string_view what, std::uint64_t id) {
    return Status::Corruption(std::string(what) + " " + std::to_string(id));
}

}  // namespace

Result<BiddingTables> BiddingTables::Open(Database& db) {
    if (Status status = db.Exec(kSchema); !status.ok()) return status;
    if (Status status = db.AddMissingColumns("campaigns", kAddedCampaignColumns); !status.ok()) {
        return status;
    }
    if (Status status = db.AddMissingColumns("campaign_orders", kAddedOrderColumns); !status.ok()) {
        return status;
    }
    BiddingTables tables(db);
    if (Status status = tables.Prepare(); !status.ok()) return status;
    return tables;
}

Status BiddingTables::Prepare() {
    auto product = db_->Prepare(
        "INSERT INTO products(product_id, name, description, image_url, initial_stock, stock, "
        "min_price_minor, currency, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT(product_id) DO UPDATE SET name = excluded.name, "
        "description = excluded.description, image_url = excluded.image_url, "
        "initial_stock = excluded.initial_stock, stock = excluded.stock, "
        "min_price_minor = excluded.min_price_minor, currency = excluded.currency");
    if (!product.ok()) return product.status();
    upsert_product_ = std::move(product).value();
    auto campaign = db_->Prepare(
        "INSERT INTO campaigns(campaign_id, product_id, start_time, end_time, alpha, beta, gamma, "
        "quota, created_at, settled, settled_at, winners, final_sha256, payment_window_s) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
        "ON CONFLICT(campaign_id) DO UPDATE SET start_time = excluded.start_time, "
        "end_time = excluded.end_time, alpha = excluded.alpha, beta = excluded.beta, "
        "gamma = excluded.gamma, quota = excluded.quota, settled = excluded.settled, "
        "settled_at = excluded.settled_at, winners = excluded.winners, "
        "final_sha256 = excluded.final_sha256, payment_window_s = excluded.payment_window_s");
    if (!campaign.ok()) return campaign.status();
    upsert_campaign_ = std::move(campaign).value();
    auto bid = db_->Prepare(
        "INSERT INTO bids(bid_id, campaign_id, user_id, price_minor, elapsed_ms, member_weight, "
        "score, bid_number, placed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!bid.ok()) return bid.status();
    insert_bid_ = std::move(bid).value();
    // The settlement writes an order whole; a payment step writes it again, changed.
    auto order = db_->Prepare(
        "INSERT INTO campaign_orders(order_id, campaign_id, product_id, user_id, bid_id, "
        "final_price_minor, final_score, final_rank, currency, created_at, status, "
        "refund_reason, pay_by, payment_expires_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
        "ON CONFLICT(order_id) DO UPDATE SET status = excluded.status, "
        "refund_reason = excluded.refund_reason, pay_by = excluded.pay_by, "
        "payment_expires_at = excluded.payment_expires_at, updated_at = excluded.updated_at");
    if (!order.ok()) return order.status();
    upsert_order_ = std::move(order).value();
    return Status::Ok();
}

// Parents before children, so that a campaign, bid or order may refer to a row of the same batch.
Status BiddingTables::Append(const engine::BiddingChanges& changes) {
    if (Status status = AppendProducts(changes); !status.ok()) return status;
    if (Status status = AppendCampaigns(changes); !status.ok()) return status;
    if (Status status = AppendBids(changes); !status.ok()) return status;
    return AppendOrders(changes);
}

Status BiddingTables::AppendProducts(const engine::BiddingChanges& changes) {
    for (const engine::Product& p : changes.products) {
        upsert_product_->Reset();
        upsert_product_->Bind(1, AsInt(p.product_id.value()))
            .Bind(2, p.name)
            .Bind(3, p.description)
            .Bind(4, p.image_url)
            .Bind(5, std::int64_t{p.initial_stock})
            .Bind(6, std::int64_t{p.stock})
            .Bind(7, p.min_price_minor)
            .Bind(8, p.currency)
            .Bind(9, ToUnixMillis(p.created_at));
        if (Status status = upsert_product_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status BiddingTables::AppendCampaigns(const engine::BiddingChanges& changes) {
    for (const engine::Campaign& c : changes.campaigns) {
        upsert_campaign_->Reset();
        upsert_campaign_->Bind(1, AsInt(c.campaign_id.value()))
            .Bind(2, AsInt(c.product_id.value()))
            .Bind(3, ToUnixMillis(c.start_time))
            .Bind(4, ToUnixMillis(c.end_time))
            .BindReal(5, c.weights.alpha)
            .BindReal(6, c.weights.beta)
            .BindReal(7, c.weights.gamma)
            .Bind(8, std::int64_t{c.quota})
            .Bind(9, ToUnixMillis(c.created_at))
            .Bind(10, std::int64_t{c.settled ? 1 : 0})
            .Bind(11, ToUnixMillis(c.settled_at))
            .Bind(12, std::int64_t{c.winners})
            .Bind(13, c.final_sha256)
            .Bind(14, std::int64_t{c.payment_window.count()});
        if (Status status = upsert_campaign_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status BiddingTables::AppendBids(const engine::BiddingChanges& changes) {
    for (const engine::Bid& b : changes.bids) {
        insert_bid_->Reset();
        insert_bid_->Bind(1, AsInt(b.bid_id.value()))
            .Bind(2, AsInt(b.campaign_id.value()))
            .Bind(3, AsInt(b.user_id.value()))
            .Bind(4, b.price_minor)
            .Bind(5, b.elapsed_ms)
            .BindReal(6, b.member_weight)
            .BindReal(7, b.score)
            .Bind(8, std::int64_t{b.bid_number})
            .Bind(9, ToUnixMillis(b.placed_at));
        if (Status status = insert_bid_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status BiddingTables::AppendOrders(const engine::BiddingChanges& changes) {
    for (const engine::CampaignOrder& o : changes.orders) {
        upsert_order_->Reset();
        upsert_order_->Bind(1, AsInt(o.order_id.value()))
            .Bind(2, AsInt(o.campaign_id.value()))
            .Bind(3, AsInt(o.product_id.value()))
            .Bind(4, AsInt(o.user_id.value()))
            .Bind(5, AsInt(o.bid_id.value()))
            .Bind(6, o.final_price_minor)
            .BindReal(7, o.final_score)
            .Bind(8, std::int64_t{o.final_rank})
            .Bind(9, o.currency)
            .Bind(10, ToUnixMillis(o.created_at))
            .Bind(11, engine::ToString(o.status))
            .Bind(12, engine::ToString(o.refund_reason))
            .Bind(13, ToUnixMillis(o.pay_by))
            .Bind(14, ToUnixMillis(o.payment_expires_at))
            .Bind(15, ToUnixMillis(o.updated_at));
        if (Status status = upsert_order_->Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

Status BiddingTables::LoadProducts(engine::BiddingSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT product_id, name, description, image_url, initial_stock, stock, min_price_minor, "
        "currency, created_at FROM products ORDER BY product_id");
    if (!rows.ok()) return rows.status();
    Status status;
    while ((*rows)->Step(status)) {
        Columns row(**rows);
        engine::Product p;
        p.product_id = ProductId{row.Id(0)};
        p.name = row.Text(1);
        p.description = row.Text(2);
        p.image_url = row.Text(3);
        p.initial_stock = row.Count(4);
        p.stock = row.Count(5);
        p.min_price_minor = row.Int(6);
        p.currency = row.Text(7);
        p.created_at = row.Time(8);
        if (!row.ok() || p.stock > p.initial_stock || p.min_price_minor < 0) {
            return Damaged("product", p.product_id.value());
        }
        snapshot.products.push_back(std::move(p));
    }
    return status;
}

Status BiddingTables::LoadCampaigns(engine::BiddingSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT campaign_id, product_id, start_time, end_time, alpha, beta, gamma, quota, "
        "created_at, settled, settled_at, winners, final_sha256, payment_window_s FROM campaigns "
        "ORDER BY campaign_id");
    if (!rows.ok()) return rows.status();
    Status status;
    while ((*rows)->Step(status)) {
        Columns row(**rows);
        engine::Campaign c;
        c.campaign_id = CampaignId{row.Id(0)};
        c.product_id = ProductId{row.Id(1)};
        c.start_time = row.Time(2);
        c.end_time = row.Time(3);
        c.weights = {row.Real(4), row.Real(5), row.Real(6)};
        c.quota = row.Count(7);
        c.created_at = row.Time(8);
        c.settled = row.Flag(9);
        c.settled_at = row.Time(10);
        c.winners = row.Count(11);
        c.final_sha256 = row.Text(12);
        c.payment_window = std::chrono::seconds{row.Int(13)};
        const bool hashed = c.settled ? IsSha256Hex(c.final_sha256) : c.final_sha256.empty();
        if (!row.ok() || !hashed || c.start_time >= c.end_time || c.quota == 0 ||
            c.winners > c.quota || c.payment_window < engine::kPaymentWindowMin ||
            c.payment_window > engine::kPaymentWindowMax) {
            return Damaged("campaign", c.campaign_id.value());
        }
        snapshot.campaigns.push_back(std::move(c));
    }
    return status;
}

Status BiddingTables::LoadBids(engine::BiddingSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT bid_id, campaign_id, user_id, price_minor, elapsed_ms, member_weight, score, "
        "bid_number, placed_at FROM bids ORDER BY bid_id");
    if (!rows.ok()) return rows.status();
    Status status;
    while ((*rows)->Step(status)) {
        Columns row(**rows);
        engine::Bid b;
        b.bid_id = BidId{row.Id(0)};
        b.campaign_id = CampaignId{row.Id(1)};
        b.user_id = UserId{row.Id(2)};
        b.price_minor = row.Int(3);
        b.elapsed_ms = row.Int(4);
        b.member_weight = row.Real(5);
        b.score = row.Real(6);
        b.bid_number = row.Count(7);
        b.placed_at = row.Time(8);
        if (!row.ok() || b.price_minor < 0 || b.elapsed_ms < 0 || b.bid_number == 0) {
            return Damaged("bid", b.bid_id.value());
        }
        snapshot.bids.push_back(b);
    }
    return status;
}

Status BiddingTables::LoadOrders(engine::BiddingSnapshot& snapshot) {
    auto rows = db_->Prepare(
        "SELECT order_id, campaign_id, product_id, user_id, bid_id, final_price_minor, "
        "final_score, final_rank, currency, created_at, status, refund_reason, pay_by, "
        "payment_expires_at, updated_at FROM campaign_orders ORDER BY order_id");
    if (!rows.ok()) return rows.status();
    Status status;
    while ((*rows)->Step(status)) {
        Columns row(**rows);
        engine::CampaignOrder o;
        o.order_id = OrderId{row.Id(0)};
        o.campaign_id = CampaignId{row.Id(1)};
        o.product_id = ProductId{row.Id(2)};
        o.user_id = UserId{row.Id(3)};
        o.bid_id = BidId{row.Id(4)};
        o.final_price_minor = row.Int(5);
        o.final_score = row.Real(6);
        o.final_rank = row.Count(7);
        o.currency = row.Text(8);
        o.created_at = row.Time(9);
        const std::optional<engine::CampaignOrderStatus> order_status =
            engine::ParseCampaignOrderStatus(row.Text(10));
        const std::optional<engine::RefundReason> reason = engine::ParseRefundReason(row.Text(11));
        o.pay_by = row.TimeOr(12, o.created_at + engine::kPaymentWindowDefault);
        o.payment_expires_at = row.Time(13);
        o.updated_at = row.TimeOr(14, o.created_at);
        if (!row.ok() || o.final_rank == 0 || !order_status || !reason) {
            return Damaged("campaign order", o.order_id.value());
        }
        o.status = *order_status;
        o.refund_reason = *reason;
        snapshot.orders.push_back(std::move(o));
    }
    return status;
}

Status BiddingTables::Load(engine::BiddingSnapshot& snapshot) {
    if (Status status = LoadProducts(snapshot); !status.ok()) return status;
    if (Status status = LoadCampaigns(snapshot); !status.ok()) return status;
    if (Status status = LoadBids(snapshot); !status.ok()) return status;
    return LoadOrders(snapshot);
}

}  // namespace tix::store
