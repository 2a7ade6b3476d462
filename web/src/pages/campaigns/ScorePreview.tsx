// The score a price would get if the bid left now, and the place on the board it would take.
// Labelled as an estimate: T is taken by the server when the bid arrives.
import { useTranslation } from "react-i18next";
import type { Campaign, Ranking } from "../../api/bidding";
import { useSession } from "../../auth/SessionProvider";
import { useNow } from "../../components/useNow";
import { EstimateScore, FormatScore, RankAmong } from "./score";

// Fast enough that the time bonus visibly shrinks, slow enough to stay cheap.
const kPreviewEveryMs = 250;

interface Props {
  id: string;
  campaign: Campaign;
  price: number | undefined;
  memberWeight: number;
  board: Ranking | undefined;
  serverAheadMs: number;
}

export function ScorePreview({ id, campaign, price, memberWeight, board, serverAheadMs }: Props) {
  const { t } = useTranslation();
  const now = useNow(kPreviewEveryMs);
  const userId = useSession()?.userId;
  const formula = t("bidding.formula", { alpha: campaign.alpha, beta: campaign.beta, gamma: campaign.gamma });
  if (price === undefined) return <p id={id} className="muted score-formula">{formula}</p>;
  const score = EstimateScore(campaign, { price, elapsedMs: now + serverAheadMs - Date.parse(campaign.start_time), memberWeight });
  // A new bid replaces my standing one: rank it among the others.
  const others = board?.top_k.filter((e) => e.user_id !== userId) ?? [];
  const rank = board ? RankAmong(score, others.map((e) => e.score), board.top_k.length >= board.total_participants) : undefined;
  return (
    <div id={id} className="score-preview" data-estimate={score}>
      <p><strong>{t("bidding.estimate", { score: FormatScore(score) })}</strong>
        {rank !== undefined && <> {t("bidding.estimate_rank", { rank })}</>}</p>
      <p className="muted">{t("bidding.estimate_why", { weight: memberWeight })}</p>
      <p className="muted score-formula">{formula}</p>
    </div>
  );
}
