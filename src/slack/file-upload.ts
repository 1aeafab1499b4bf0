import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

export interface DmFile {
  /** A file on disk (the export's temp file). */
  path: string;
  filename: string;
  title: string;
  /** Posted with the file in the DM. */
  comment: string;
}

/**
 * Posts a file into a user's DM with the app. These are the three steps `files.uploadV2` performs
 * (files.getUploadURLExternal, the upload, files.completeUploadExternal), done here so the file
 * streams from disk: `uploadV2` in @slack/web-api 8 reads the whole file into one Buffer first
 * (`getFileData`), which an export of 100,000 people should not need.
 */
export async function uploadFileToDm(client: WebClient, slackUserId: string, file: DmFile): Promise<string> {
  const opened = await client.conversations.open({ users: slackUserId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const { size } = await stat(file.path);
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length: size });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no URL');
  const response = await fetch(target.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: createReadStream(file.path) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`uploading ${file.filename} failed with HTTP ${response.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: channelId,
    initial_comment: file.comment,
  });
  return target.file_id;
}
