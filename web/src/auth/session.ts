// The signed-in session: access token (an hour), refresh token (30 days), who the user is.
// Kept in localStorage so a reload or a second tab stays signed in. The access token is renewed
// silently a minute before it expires and once on a 401; refreshes are serialized across tabs
// (Web Locks) because tixd uses a refresh token up on first use and revokes the whole login when
// a used one comes back more than 30 s later (docs/api.md, Sessions).

export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  user_id: number;
  role: string;
  email?: string;
  name?: string;
}

export interface SessionState {
  userId: number;
  role: string;
  email?: string;
  name?: string;
  accessToken: string;
  accessExpiresAtMs: number;
  accessLifetimeMs: number;
  refreshToken?: string;
}

const kStorageKey = "tix.session";
// Renew this long before the access token expires, so a request never carries a stale one; a
// short-lived token (tixd allows 60 s) is renewed when a fifth of its life is left instead, so
// that the renewal never comes due at once and loops.
const kRefreshAheadMaxMs = 60_000;
const kRefreshAheadShareOfLifetime = 0.2;

function RefreshAheadMs(state: SessionState): number {
  return Math.min(kRefreshAheadMaxMs, (state.accessLifetimeMs ?? 3_600_000) * kRefreshAheadShareOfLifetime);
}
const kLockName = "tix.session.refresh";

type Listener = () => void;

class Session {
  private state_: SessionState | null = ReadStored();
  private listeners_ = new Set<Listener>();
  private refreshing_: Promise<string | null> | null = null;
  private timer_: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Another tab refreshed or signed out: take its state instead of racing it.
    window.addEventListener("storage", (event) => {
      if (event.key !== kStorageKey) return;
      this.state_ = ReadStored();
      this.Changed(false);
    });
    this.ScheduleRefresh();
  }

  get state(): SessionState | null {
    return this.state_;
  }

  Subscribe = (listener: Listener): (() => void) => {
    this.listeners_.add(listener);
    return () => this.listeners_.delete(listener);
  };

  GetState = (): SessionState | null => this.state_;

  SignIn(answer: TokenAnswer, profile?: { email?: string; name?: string }): void {
    this.state_ = StateFrom(answer, { ...profile, email: profile?.email ?? this.state_?.email, name: profile?.name ?? this.state_?.name });
    this.Changed(true);
  }

  SignOut(): void {
    this.state_ = null;
    this.Changed(true);
  }

  // The access token to send now, refreshed first if it is about to expire.
  async FreshAccessToken(): Promise<string | undefined> {
    const state = this.state_;
    if (!state) return undefined;
    if (state.accessExpiresAtMs - Date.now() > RefreshAheadMs(state) || !state.refreshToken) return state.accessToken;
    return (await this.RefreshNow(state.accessToken)) ?? state.accessToken;
  }

  // Renews the tokens once for everyone waiting. `staleAccessToken` is the one that failed: if
  // another tab or call already replaced it, that newer token is the answer.
  RefreshNow(staleAccessToken?: string): Promise<string | null> {
    if (this.refreshing_) return this.refreshing_;
    this.refreshing_ = WithLock(() => this.RefreshLocked(staleAccessToken)).finally(() => {
      this.refreshing_ = null;
    });
    return this.refreshing_;
  }

  private async RefreshLocked(staleAccessToken?: string): Promise<string | null> {
    // Another tab may have refreshed while we waited for the lock.
    const stored = ReadStored();
    if (stored && stored.accessToken !== staleAccessToken && stored.accessExpiresAtMs - Date.now() > RefreshAheadMs(stored)) {
      this.state_ = stored;
      this.Changed(false);
      return stored.accessToken;
    }
    const refreshToken = stored?.refreshToken ?? this.state_?.refreshToken;
    if (!refreshToken) return null;
    let response: Response;
    try {
      response = await fetch("/api/v1/auth/refresh", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
    } catch {
      return null; // Offline: keep the session, the next request tries again.
    }
    if (response.ok) {
      this.SignIn((await response.json()) as TokenAnswer);
      return this.state_!.accessToken;
    }
    if (response.status === 401) this.SignOut(); // Revoked, expired or reused: sign in again.
    return null;
  }

  private Changed(persist: boolean): void {
    if (persist) {
      if (this.state_) localStorage.setItem(kStorageKey, JSON.stringify(this.state_));
      else localStorage.removeItem(kStorageKey);
    }
    this.ScheduleRefresh();
    for (const listener of this.listeners_) listener();
  }

  private ScheduleRefresh(): void {
    clearTimeout(this.timer_);
    const state = this.state_;
    if (!state?.refreshToken) return;
    const delayMs = Math.max(state.accessExpiresAtMs - Date.now() - RefreshAheadMs(state), 0);
    // setTimeout overflows past ~24.8 days; an hour-long token never comes near it.
    this.timer_ = setTimeout(() => void this.RefreshNow(state.accessToken), delayMs);
  }
}

function StateFrom(answer: TokenAnswer, profile: { email?: string; name?: string }): SessionState {
  return {
    userId: answer.user_id,
    role: answer.role,
    email: answer.email ?? profile.email,
    name: answer.name ?? profile.name,
    accessToken: answer.access_token,
    accessExpiresAtMs: Date.now() + answer.expires_in * 1000,
    accessLifetimeMs: answer.expires_in * 1000,
    refreshToken: answer.refresh_token,
  };
}

function ReadStored(): SessionState | null {
  try {
    const text = localStorage.getItem(kStorageKey);
    return text ? (JSON.parse(text) as SessionState) : null;
  } catch {
    return null;
  }
}

function WithLock<T>(body: () => Promise<T>): Promise<T> {
  if (!("locks" in navigator)) return body();
  return navigator.locks.request(kLockName, body);
}

export const session = new Session();
