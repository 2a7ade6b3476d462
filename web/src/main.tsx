// The composition root: i18n, the query cache, the session and the router, wired once.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router-dom";
import "./i18n/i18n";
import "./styles.css";
import { queryClient } from "./app/queryClient";
import { router } from "./app/routes";
import { SessionProvider } from "./auth/SessionProvider";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
