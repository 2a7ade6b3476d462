import { Api } from "./client";
import type { TokenAnswer } from "../auth/session";

export const AuthApi = {
  Register: (email: string, password: string, name: string) =>
    Api<TokenAnswer>("/auth/register", { method: "POST", body: { email, password, name } }),
  Login: (email: string, password: string) =>
    Api<TokenAnswer>("/auth/login", { method: "POST", body: { email, password } }),
};
