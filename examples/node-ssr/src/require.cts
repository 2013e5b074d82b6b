// CommonJS consumers (Jest, older Node tooling) get the CommonJS build and its own declarations.
import assert = require('node:assert');
import sdk = require('@hosted-session/sdk');
import react = require('@hosted-session/react');
import protocol = require('@hosted-session/protocol');

assert.equal(typeof sdk.createPaymentSession, 'function');
assert.equal(typeof react.HostedSessionProvider, 'function');
assert.ok(protocol.CARD_ROLES.includes('card.number'));
console.log('CommonJS: @hosted-session/sdk, @hosted-session/react and @hosted-session/protocol load');
