// The live top-K: rank, bidder, price, score; the winning ranks marked, my row marked. Updated
// in place every ~2 s by the feed: not announced (that would talk over everything); my standing
// card announces what matters to me.
import { useTranslation } from "react-i18next";
import type { Campaign, Ranking } from "../../api/bidding";
import { useSession } from "../../auth/SessionProvider";
import { FormatMoney } from "../../components/format";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FormatScore } from "./score";
import { WinningCount } from "./standing";

interface Props {
  ranking: Ranking | undefined;
  error: unknown;
  campaign: Campaign;
  live: boolean;
  signedIn: boolean;
}

export function RankingBoard({ ranking, error, campaign, live, signedIn }: Props) {
  const { t } = useTranslation();
  const userId = useSession()?.userId;
  const winning = WinningCount(ranking, campaign.quota);
  const ongoing = campaign.status !== "settled";
  return (
    <section className="card ranking-board" aria-labelledby="board-title">
      <h2 id="board-title">{t(ongoing ? "bidding.board_title" : "bidding.board_final")}</h2>
      {ongoing && (
        <p className="muted live-state" data-live={live}>
          {!signedIn ? t("bidding.live_needs_login") : live ? <><span className="live-dot" aria-hidden="true" />{t("bidding.live")}</> : t("bidding.connecting")}
        </p>
      )}
      {error !== null && error !== undefined && !ranking && <ProblemNotice error={error} />}
      {ranking && ranking.top_k.length === 0 && <p>{t("bidding.board_empty")}</p>}
      {ranking && ranking.top_k.length > 0 && (
        <table className="board-table">
          <caption className="visually-hidden">{t("bidding.board_caption")}</caption>
          <thead>
            <tr><th scope="col">{t("bidding.rank")}</th><th scope="col">{t("bidding.bidder")}</th>
              <th scope="col">{t("bidding.bid_price")}</th><th scope="col">{t("bidding.score")}</th></tr>
          </thead>
          <tbody>
            {ranking.top_k.map((entry) => {
              const mine = entry.user_id === userId;
              const isWinning = entry.rank <= winning;
              return (
                <tr key={entry.user_id} className={`${mine ? "mine " : ""}${isWinning ? "winning" : ""}`} data-user-id={entry.user_id}>
                  <td>#{entry.rank}{isWinning && <span className="visually-hidden"> {t("bidding.winning_mark")}</span>}</td>
                  <td>{entry.username}{mine && ` ${t("bidding.you")}`}</td>
                  <td>{FormatMoney(entry.price, campaign.currency)}</td>
                  <td>{FormatScore(entry.score)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
