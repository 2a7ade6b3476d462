// One query cache for the app. Retries are ours (api/client.ts honours Retry-After), so
// react-query does not retry on top of them.
import { QueryClient } from "@tanstack/react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});
