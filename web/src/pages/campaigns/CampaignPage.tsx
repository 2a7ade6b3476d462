// A campaign: the product, the countdown, my bid with its estimated score, the live board, my
// standing and bids; once it ends, my result (and, for a winner, the order to pay).
import { useEffect, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { BiddingApi } from "../../api/bidding";
import { useSession } from "../../auth/SessionProvider";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { useNow } from "../../components/useNow";
import { BidPanel } from "./BidPanel";
import { BidHistory } from "./BidHistory";
import { CampaignResult } from "./CampaignResult";
import { CampaignTiming } from "./CampaignTiming";
import { MyStandingCard } from "./MyStandingCard";
import { ProductCard } from "./ProductCard";
import { RankingBoard } from "./RankingBoard";
import { StatusAt } from "./campaignStatus";
import { StatusBadge } from "./StatusBadge";
import { useCampaignFeed } from "./useCampaignFeed";
import { useMyBidding } from "./useMyBidding";

// Between the end and the settlement (normally milliseconds) the page asks again this often.
const kSettlingPollMs = 1_000;

export function CampaignPage() {
  const { t } = useTranslation();
  const campaignId = Number(useParams().campaignId);
  const signedIn = useSession() !== null;
  const now = useNow();
  const campaign = useQuery({
    queryKey: ["campaign", campaignId],
    queryFn: () => BiddingApi.Campaign(campaignId),
    refetchInterval: (q) => (q.state.data && StatusAt(q.state.data, Date.now()) === "ended" ? kSettlingPollMs : false),
  });
  const status = campaign.data ? StatusAt(campaign.data, now) : undefined;
  const mine = useMyBidding(campaignId, signedIn);
  const feed = useCampaignFeed(campaignId, signedIn && status !== undefined && status !== "settled", mine.refresh);
  const settled = status === "settled";
  // Settled while I watched: my standing read before is stale; now it is final. (A campaign
  // settled before the page opened was read final already.)
  const settledBefore = useRef<boolean>();
  useEffect(() => {
    if (settled && settledBefore.current === false) mine.refresh();
    if (status !== undefined) settledBefore.current = settled;
  }, [settled, status, mine]);

  if (campaign.isPending) return <Loading />;
  if (campaign.error) return <ProblemNotice error={campaign.error} retry={() => void campaign.refetch()} autoRetry />;
  const data = campaign.data;
  const product = data.product;
  const refetch = () => void campaign.refetch();
  const shown = status ?? data.status;
  return (
    <section className="page campaign-page" aria-labelledby="campaign-title">
      <h1 id="campaign-title">{product?.name ?? t("bidding.product_fallback", { id: data.product_id })}</h1>
      <p className="campaign-status">
        <StatusBadge status={shown} /> <CampaignTiming campaign={data} status={shown} onChange={refetch} />
      </p>
      {(shown === "ended" || settled) && (
        <CampaignResult campaign={data} settled={settled} ended={feed.ended} standing={mine.standing} signedIn={signedIn} />
      )}
      <div className="campaign-grid">
        <div>
          {product && <ProductCard product={product} campaign={data} participants={feed.ranking?.total_participants} />}
          <BidPanel campaign={data} status={shown} signedIn={signedIn} memberWeight={mine.memberWeight}
            board={feed.ranking} serverAheadMs={feed.serverAheadMs} onPlaced={mine.refresh} />
          {/* Once closed, the result says where I ended up. */}
          {signedIn && shown !== "ended" && !settled && <MyStandingCard standing={mine.standing} ranking={feed.ranking} campaign={data} />}
        </div>
        <div>
          <RankingBoard ranking={feed.ranking} error={feed.rankingError} campaign={data} live={feed.connected} signedIn={signedIn} />
          {signedIn && <BidHistory bids={mine.history} currency={data.currency} />}
        </div>
      </div>
    </section>
  );
}
