import { useQuery } from '@tanstack/react-query';
import { call } from '../../ipc/client';

const PARALLEL = 4;

/** Main's copies of the remote images, once the user allowed them; failures are counted, not thrown. */
export function useRemoteImages(messageId: string, urls: readonly string[], allowed: boolean) {
  return useQuery({
    queryKey: ['reader:remote', messageId, urls] as const,
    enabled: allowed && urls.length > 0,
    staleTime: Infinity,
    queryFn: async () => {
      const map = new Map<string, string>();
      let failed = 0;
      for (let at = 0; at < urls.length; at += PARALLEL) {
        const batch = await Promise.all(
          urls.slice(at, at + PARALLEL).map((url) => call('messages:remoteImage', { url })),
        );
        for (const image of batch) {
          if (image.dataUrl) map.set(image.url, image.dataUrl);
          else failed += 1;
        }
      }
      return { map: map as ReadonlyMap<string, string>, failed };
    },
  });
}
