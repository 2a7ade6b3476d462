// The bid: a price, the score it would get if sent now (an estimate, labelled so), and the answer.
import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { BiddingApi, type Campaign, type Ranking } from "../../api/bidding";
import { FormatMoney } from "../../components/format";
import { BidProblem } from "./BidProblem";
import { ScorePreview } from "./ScorePreview";
import { FormatScore } from "./score";

interface Props {
  campaign: Campaign;
  memberWeight: number;
  board: Ranking | undefined;
  serverAheadMs: number;
  onPlaced: () => void;
}

export function BidForm({ campaign, memberWeight, board, serverAheadMs, onPlaced }: Props) {
  const { t } = useTranslation();
  const inputId = useId();
  const product = campaign.product;
  const minPrice = product?.min_price ?? 0;
  const [priceText, setPriceText] = useState("");
  const price = Number(priceText);
  const priceValid = priceText !== "" && Number.isFinite(price) && price >= 0;
  const bid = useMutation({
    mutationFn: () => BiddingApi.PlaceBid(campaign.campaign_id, price),
    onSuccess: onPlaced,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (priceValid && !bid.isPending) bid.mutate();
  };
  return (
    <form className="card form bid-form" onSubmit={submit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t("bidding.bid_title")}</h2>
      <label htmlFor={inputId}>
        <span>{t("bidding.price", { currency: campaign.currency })}</span>
      </label>
      {/* No min={minPrice}: the browser would block the bid with its own words; the hint says
          the lowest price and a lower bid gets price_too_low in the reader's language. */}
      <input id={inputId} name="price" type="number" inputMode="decimal" min={0} step="0.01" required
        value={priceText} onChange={(e) => setPriceText(e.target.value)} aria-describedby={`${inputId}-hint ${inputId}-estimate`} />
      <p id={`${inputId}-hint`} className="muted">
        {t("bidding.price_hint", { price: FormatMoney(minPrice, campaign.currency) })}
      </p>
      <ScorePreview id={`${inputId}-estimate`} campaign={campaign} price={priceValid ? price : undefined}
        memberWeight={memberWeight} board={board} serverAheadMs={serverAheadMs} />
      {bid.error && <BidProblem error={bid.error} minPrice={minPrice} currency={campaign.currency} />}
      {bid.data && !bid.isPending && !bid.error && (
        <p className="notice ok" role="status">
          {t("bidding.placed", { score: FormatScore(bid.data.score), rank: bid.data.rank })}
        </p>
      )}
      <button type="submit" disabled={bid.isPending || !priceValid}>
        {bid.isPending ? t("bidding.placing") : t("bidding.place")}
      </button>
    </form>
  );
}
