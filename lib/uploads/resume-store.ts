/** What survives a reload: which server upload a file belongs to, and the parts it finished. */
export type ResumeRecord = { uploadId: string; expiresAt: string; completedParts: number[] };

export type ResumeStore = {
  get(fingerprint: string): ResumeRecord | null;
  set(fingerprint: string, record: ResumeRecord): void;
  delete(fingerprint: string): void;
};

/**
 * The same file picked again (name, size, last-modified date, same purpose and workspace) finds
 * its unfinished upload. Not a content hash: reading a 4 GB file to hash it would take longer
 * than the resume saves.
 */
export function uploadFingerprint(
  file: { name: string; size: number; lastModified: number },
  scope: { purpose: string; workspaceId?: string },
): string {
  return [scope.workspaceId ?? '', scope.purpose, file.name, file.size, file.lastModified].join(':');
}

const PREFIX = 'tokdesk-upload:';

/** localStorage-backed; a full or blocked storage only loses the ability to resume. */
export function localStorageResumeStore(storage: Storage = localStorage): ResumeStore {
  return {
    get(fingerprint) {
      try {
        const record = JSON.parse(storage.getItem(PREFIX + fingerprint) ?? 'null') as ResumeRecord | null;
        if (record && Date.parse(record.expiresAt) > Date.now()) return record;
        storage.removeItem(PREFIX + fingerprint);
      } catch {
        // Unreadable: treat as absent.
      }
      return null;
    },
    set(fingerprint, record) {
      try {
        storage.setItem(PREFIX + fingerprint, JSON.stringify(record));
      } catch {
        // Quota or privacy mode: the upload still works, it just cannot resume after a reload.
      }
    },
    delete(fingerprint) {
      try {
        storage.removeItem(PREFIX + fingerprint);
      } catch {
        // Same as above.
      }
    },
  };
}

export function memoryResumeStore(): ResumeStore {
  const records = new Map<string, ResumeRecord>();
  return {
    get: (fingerprint) => records.get(fingerprint) ?? null,
    set: (fingerprint, record) => void records.set(fingerprint, record),
    delete: (fingerprint) => void records.delete(fingerprint),
  };
}

/** localStorage in a browser, memory elsewhere (tests, server rendering). */
export function defaultResumeStore(): ResumeStore {
  return typeof localStorage === 'undefined' ? memoryResumeStore() : localStorageResumeStore();
}
