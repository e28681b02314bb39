import { describe, expect, it } from 'vitest';
import { relayedAddress } from '../../src/cloud/page-addresses.ts';
import { invokeUrlOf } from '../../src/steps/actions/api-address.ts';

const relay = 'http://127.0.0.1:4322/relay/';

describe('relayedAddress', () => {
  it('sends an HTTP API request through the relay on its own origin, keeping path and query', () => {
    expect(relayedAddress('https://abc123.execute-api.us-east-1.amazonaws.com/prod/?TableName=t', relay)).toBe(
      'http://127.0.0.1:4322/relay/abc123.execute-api.us-east-1.amazonaws.com/prod/?TableName=t',
    );
  });

  it('opens a WebSocket to the relay with the relay’s own scheme', () => {
    expect(relayedAddress('wss://abc123.execute-api.us-east-1.amazonaws.com/prod', relay)).toBe(
      'ws://127.0.0.1:4322/relay/abc123.execute-api.us-east-1.amazonaws.com/prod',
    );
    expect(relayedAddress('wss://abc123.execute-api.us-east-1.amazonaws.com/prod', 'https://relay.lab.example.edu/relay/')).toBe(
      'wss://relay.lab.example.edu/relay/abc123.execute-api.us-east-1.amazonaws.com/prod',
    );
  });
});

describe('invokeUrlOf', () => {
  it('ends an HTTP API’s invoke URL with a slash, as the lab prints it', () => {
    expect(invokeUrlOf({ ApiEndpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com', ProtocolType: 'HTTP' }, 'prod')).toBe(
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod/',
    );
  });

  it('gives a WebSocket API’s URL without one, as wscat takes it', () => {
    expect(invokeUrlOf({ ApiEndpoint: 'wss://abc123.execute-api.us-east-1.amazonaws.com', ProtocolType: 'WEBSOCKET' }, 'prod')).toBe(
      'wss://abc123.execute-api.us-east-1.amazonaws.com/prod',
    );
  });
});
