import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import { channelExamples, eventExamples } from '../../shared/ipc/examples';

const roundTrip = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('IPC contract', () => {
  it('has exactly the channels and events named in channels.ts', () => {
    expect(Object.keys(contract.channels).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(contract.events).sort()).toEqual([...EVENTS].sort());
  });

  it.each(CHANNELS)('%s: input and output examples survive a JSON round trip unchanged', (channel) => {
    const spec = contract.channels[channel];
    const example = channelExamples[channel];
    const input = spec.input.parse(example.input);
    expect(spec.input.parse(roundTrip(example.input))).toEqual(input);
    const output = spec.output.parse(example.output);
    expect(spec.output.parse(roundTrip(output))).toEqual(output);
    expect(roundTrip(output)).toEqual(output);
  });

  it.each(EVENTS)('%s: payload example survives a JSON round trip unchanged', (event) => {
    const payload = contract.events[event].parse(eventExamples[event]);
    expect(contract.events[event].parse(roundTrip(payload))).toEqual(payload);
  });

  it('rejects extra fields on inputs, so a typo in the renderer is an error and not ignored', () => {
    expect(contract.channels['mailboxes:list'].input.safeParse({ acountId: 'x' }).success).toBe(false);
    expect(contract.channels['prefs:update'].input.safeParse({ layout: 'grid' }).success).toBe(false);
  });

  it('keeps omitted preferences out of a partial update', () => {
    expect(contract.channels['prefs:update'].input.parse({ layout: 'stacked' })).toEqual({ layout: 'stacked' });
  });
});
