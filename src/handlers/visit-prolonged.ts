import { prolongedTickets, takeProlongedSaid } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';

/**
 * 四个必到 (d): a unit's head or liaison says one of its open tickets cannot be solved soon
 * (`工单2026113000008涉及多个部门，需要协调，短期内难以解决`), and nothing before took the message: the statement kept
 * with the ticket, a visit item opened and delivered (within working hours), the sender told which. A message naming
 * no ticket or round of the unit (`需要协调，短期难以解决`) is not this handler's: which ticket it means is unknown.
 */
export const visitProlongedHandler: MessageHandler<string[]> = {
  name: 'visit-prolonged',
  async matches(msg, sender, ctx) {
    const numbers = await prolongedTickets(msg, sender, ctx);
    return numbers.length > 0 ? numbers : null;
  },
  async handle(numbers, msg, sender, ctx) {
    await takeProlongedSaid(ctx, numbers, msg, sender);
  },
};
