// My bids in this campaign, newest first (each with the score and rank it got when placed).
import { useTranslation } from "react-i18next";
import type { Bid } from "../../api/bidding";
import { FormatDateTime, FormatMoney } from "../../components/format";
import { FormatScore } from "./score";

export function BidHistory({ bids }: { bids: Bid[] }) {
  const { t } = useTranslation();
  if (bids.length === 0) return null;
  return (
    <section className="card bid-history" aria-labelledby="history-title">
      <h2 id="history-title">{t("bidding.history_title")}</h2>
      <ol reversed>
        {[...bids].reverse().map((bid) => (
          <li key={bid.bid_id}>
            {t("bidding.history_entry", { number: bid.bid_number, price: FormatMoney(bid.price, bid.currency), score: FormatScore(bid.score), rank: bid.rank })}
            {" "}<span className="muted">{FormatDateTime(bid.placed_at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
