/** What Storage and downloads need from the token service: a valid Altinn token for a profile. */
export interface AltinnTokenSource {
  /**
   * An Altinn token (the Maskinporten token exchanged) for the profile, from the memory cache when fresh.
   * `forceRefresh` skips the cache, e.g. after a 401 in the middle of a job.
   */
  getAltinnToken(profileId: string, options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<string>;
}
