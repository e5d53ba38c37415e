import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ExtraKind } from '../../contracts/constants';
import type { SimilarStories, Story, StoryPage, WeeklyPick } from '../../contracts/learning.contract';
import { apiDelete, apiGet, apiPost, apiPut, queryString } from './api-client';
import { queryKeys } from './query-keys';

// Learning together: the team feed of stories, thanks and comments, best practices, the
// weekly pick and what colleagues did on similar occasions.

export type SimilarStory = SimilarStories['items'][number];

export interface BestPracticeFilters {
  valueId?: string | undefined;
  kind?: ExtraKind | undefined;
  q?: string | undefined;
}

const storyPath = (extraId: string) => `/api/v1/feed/${encodeURIComponent(extraId)}`;
const PAGE_SIZE = '20';

export function useFeed(teamId: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.feedList(teamId ?? ''),
    queryFn: ({ pageParam }) =>
      apiGet<StoryPage>(
        `/api/v1/feed${queryString({ teamId: teamId ?? undefined, limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: !!teamId,
  });
}

export function useBestPractices(filters: BestPracticeFilters) {
  const params = { valueId: filters.valueId, kind: filters.kind, q: filters.q };
  return useInfiniteQuery({
    queryKey: queryKeys.bestPracticeList(params),
    queryFn: ({ pageParam }) =>
      apiGet<StoryPage>(
        `/api/v1/best-practices${queryString({ ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The week's two stories of a team; `week` is any day of the week (this week when left out). */
export function useWeeklyPick(teamId: string | null, week: string | undefined) {
  return useQuery({
    queryKey: queryKeys.weeklyPick(teamId ?? '', week),
    queryFn: () =>
      apiGet<WeeklyPick>(`/api/v1/teams/${encodeURIComponent(teamId ?? '')}/weekly-pick${queryString({ week })}`),
    enabled: !!teamId,
    placeholderData: keepPreviousData,
  });
}

/** What colleagues did on occasions like this one (only asked once the occasion has 3 characters). */
export function useSimilarStories(occasion: string) {
  const text = occasion.trim();
  return useQuery({
    queryKey: queryKeys.similarStories(text.toLowerCase()),
    queryFn: () => apiGet<SimilarStories>(`/api/v1/extras/similar${queryString({ occasion: text.slice(0, 500) })}`),
    select: (data) => data.items,
    enabled: text.length >= 3,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

// ---------- keeping every copy of a story the same ----------

type Change = (story: Story) => Story;

function changePage(page: StoryPage, id: string, change: Change): StoryPage {
  return { ...page, items: page.items.map((s) => (s.id === id ? change(s) : s)) };
}

/** A story changed: the feed, the best practices and the weekly pick show the same story, so all get it. */
function changeStory(client: QueryClient, id: string, change: Change) {
  const lists = (data: InfiniteData<StoryPage> | undefined) =>
    data ? { ...data, pages: data.pages.map((page) => changePage(page, id, change)) } : data;
  client.setQueriesData<InfiniteData<StoryPage>>({ queryKey: queryKeys.feed }, lists);
  client.setQueriesData<InfiniteData<StoryPage>>({ queryKey: queryKeys.bestPractices }, lists);
  client.setQueriesData<WeeklyPick>({ queryKey: queryKeys.weeklyPicks }, (data) =>
    data
      ? {
          ...data,
          picks: data.picks.map((s) => (s.id === id ? change(s) : s)),
          candidates: data.candidates.map((s) => (s.id === id ? { ...change(s), score: s.score } : s)),
        }
      : data,
  );
}

function putStory(client: QueryClient, story: Story) {
  changeStory(client, story.id, () => story);
}

/** Thank the colleague (or take it back). Shown at once; the server's answer replaces the guess. */
export function useThank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ story, on }: { story: Story; on: boolean }) =>
      on ? apiPut<Story>(`${storyPath(story.id)}/thanks`, {}) : apiDelete<Story>(`${storyPath(story.id)}/thanks`),
    onMutate: ({ story, on }) => {
      changeStory(client, story.id, (s) => ({
        ...s,
        thankedByMe: on,
        thanks: Math.max(0, s.thanks + (on === s.thankedByMe ? 0 : on ? 1 : -1)),
      }));
    },
    onSuccess: (story) => putStory(client, story),
    onError: (_error, { story }) => putStory(client, story),
  });
}

export function useAddComment(extraId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiPost<Story>(`${storyPath(extraId)}/comments`, { body }),
    onSuccess: (story) => putStory(client, story),
  });
}

export function useRemoveComment(extraId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) =>
      apiDelete<void>(`${storyPath(extraId)}/comments/${encodeURIComponent(commentId)}`),
    onSuccess: (_nothing, commentId) =>
      changeStory(client, extraId, (s) => ({ ...s, comments: s.comments.filter((c) => c.id !== commentId) })),
  });
}

/** A manager puts a story forward for the whole organisation, saying why. */
export function usePromote(extraId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (why: string) => apiPost<Story>('/api/v1/best-practices', { extraId, why }),
    onSuccess: (story) => {
      putStory(client, story);
      void client.invalidateQueries({ queryKey: queryKeys.bestPractices });
    },
  });
}

export function useWithdraw(extraId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete<void>(`/api/v1/best-practices/${encodeURIComponent(extraId)}`),
    onSuccess: () => {
      changeStory(client, extraId, (s) => ({ ...s, bestPractice: null }));
      void client.invalidateQueries({ queryKey: queryKeys.bestPractices });
    },
  });
}

export function usePutWeeklyPick(teamId: string, week: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { week: string; extraIds: string[] }) =>
      apiPut<WeeklyPick>(`/api/v1/teams/${encodeURIComponent(teamId)}/weekly-pick`, body),
    onSuccess: (pick) => {
      client.setQueryData(queryKeys.weeklyPick(teamId, week), pick);
      void client.invalidateQueries({
        queryKey: [...queryKeys.weeklyPicks, teamId],
        predicate: (q) => q.queryKey[2] !== (week ?? 'current'),
      });
    },
  });
}

/** The author keeps an extra out of the team feed, or lets it back in. Every list of stories refetches. */
export function useSetInFeed(extraId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inFeed: boolean) => apiPut<void>(`/api/v1/extras/${encodeURIComponent(extraId)}/feed`, { inFeed }),
    onSuccess: (_nothing, inFeed) => {
      client.setQueryData<{ inFeed: boolean }>(queryKeys.extra(extraId), (extra) =>
        extra ? { ...extra, inFeed } : extra,
      );
      void client.invalidateQueries({ queryKey: queryKeys.feed });
      void client.invalidateQueries({ queryKey: queryKeys.bestPractices });
      void client.invalidateQueries({ queryKey: queryKeys.weeklyPicks });
      void client.invalidateQueries({ queryKey: [...queryKeys.extras, 'list'] });
    },
  });
}
