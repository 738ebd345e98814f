/** What `npm start` prints on the terminal (zh-CN with English); never sent to a chat. */

/** The simulator's chat page, printed once it is ready. */
export const simulatorPageLine = (url: string) => `模拟群网页 / simulator chat page: ${url}`;

/** Start-up failed (anything but a configuration error, which prints its own message). */
export const startFailedLine = (detail: string) => `启动失败 / start-up failed: ${detail}`;
