// My rank and whether I am winning, kept live by the board. A polite live region announces a
// change of rank or of winning, not every board refresh.
import { useTranslation } from "react-i18next";
import type { Campaign, MyStanding, Ranking } from "../../api/bidding";
import { useSession } from "../../auth/SessionProvider";
import { FormatScore } from "./score";
import { LiveStandingOf, WinningCount } from "./standing";

interface Props {
  standing: MyStanding | null;
  ranking: Ranking | undefined;
  campaign: Campaign;
}

export function MyStandingCard({ standing, ranking, campaign }: Props) {
  const { t } = useTranslation();
  const userId = useSession()?.userId ?? 0;
  let body: string;
  let winning = false;
  if (!standing) {
    body = t("bidding.my_none");
  } else {
    const live = LiveStandingOf(userId, standing, ranking, WinningCount(ranking, campaign.quota));
    winning = live.winning;
    const total = Math.max(ranking?.total_participants ?? 0, standing.total_participants);
    const rankText = live.rank !== undefined ? t("bidding.my_rank", { rank: live.rank, total, score: FormatScore(standing.score) }) : "";
    body = `${rankText} ${t(winning ? "bidding.my_winning" : "bidding.my_not_winning")}`.trim();
  }
  return (
    <div className={`card my-standing${winning ? " winning" : ""}`} data-winning={standing ? String(winning) : undefined}>
      <h2>{t("bidding.my_title")}</h2>
      <p aria-live="polite" aria-atomic="true">{body}</p>
    </div>
  );
}
