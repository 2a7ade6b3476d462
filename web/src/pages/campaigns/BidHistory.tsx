// My bids in this campaign, newest first (each with the score it got).
import { useTranslation } from "react-i18next";
import type { Bid } from "../../api/bidding";
import { FormatDateTime, FormatMoney } from "../../components/format";
import { FormatScore } from "./score";

export function BidHistory({ bids, currency }: { bids: Bid[]; currency: string }) {
  const { t } = useTranslation();
  if (bids.length === 0) return null;
  return (
    <section className="card bid-history" aria-labelledby="history-title">
      <h2 id="history-title">{t("bidding.history_title")}</h2>
      <ol reversed>
        {[...bids].reverse().map((bid) => (
          <li key={bid.bid_id}>
            {t("bidding.history_entry", { number: bid.bid_number, price: FormatMoney(bid.price, currency), score: FormatScore(bid.score) })}
            {" "}<span className="muted">{FormatDateTime(bid.placed_at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
