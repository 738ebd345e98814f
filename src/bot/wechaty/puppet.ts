import type { PuppetInterface } from 'wechaty-puppet/impls';

export type PuppetChoice =
  | { kind: 'mock'; mocker?: unknown }
  | { kind: 'service'; token: string; endpoint?: string; noTls?: boolean };

/** The Wechaty channel: which puppet to build, or a puppet instance (the simulator's mock world). */
export interface WechatyChoice {
  kind: 'wechaty';
  puppet: PuppetChoice | PuppetInterface;
  /** The Wechaty instance's name (default 'duban'). */
  name?: string;
}

function isPuppet(x: PuppetInterface | PuppetChoice): x is PuppetInterface {
  return typeof (x as PuppetInterface).start === 'function';
}

/**
 * Builds the puppet the config asks for: wechaty-puppet-service (a WeCom/WeChat token) in
 * production, wechaty-puppet-mock for the simulator, replay and tests.
 */
export async function createPuppet(choice: PuppetChoice | PuppetInterface): Promise<PuppetInterface> {
  if (isPuppet(choice)) return choice;
  if (choice.kind === 'mock') {
    const { PuppetMock } = await import('wechaty-puppet-mock');
    return new PuppetMock(choice.mocker ? { mocker: choice.mocker as never } : {}) as unknown as PuppetInterface;
  }
  const { PuppetService } = await import('wechaty-puppet-service');
  return new PuppetService({
    token: choice.token,
    ...(choice.endpoint ? { endpoint: choice.endpoint } : {}),
    ...(choice.noTls ? { tls: { disable: true } } : {}),
  }) as unknown as PuppetInterface;
}
