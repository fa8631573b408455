// Every public entry point of the four packages, so that each of their .d.ts files is read (and,
// with `skipLibCheck: false`, checked) by the TypeScript version under test.
import * as core from '@ninetailed/experience.js';
import * as coreServer from '@ninetailed/experience.js/server';
import * as gatsby from '@ninetailed/experience.js-gatsby';
import * as next from '@ninetailed/experience.js-next';
import * as nextServer from '@ninetailed/experience.js-next/server';
import * as react from '@ninetailed/experience.js-react';

export const entries = { core, coreServer, gatsby, next, nextServer, react };

// A few types an app names, so a type that resolved to `any` would fail to compile here.
const options: core.NinetailedOptions = { clientId: 'demo', url: 'http://127.0.0.1:3030' };
export const ninetailed: react.Ninetailed = new next.Ninetailed(options);
export const state: core.ProfileState['status'] = ninetailed.profileState.status;
export const props: react.NinetailedProviderProps = { ninetailed };
// @ts-expect-error the provider takes an instance or options, never both.
export const both: react.NinetailedProviderProps = { ninetailed, clientId: 'demo' };
export type Plugin = gatsby.NinetailedGatsbyPluginOptions;
export type ServerOptions = coreServer.NinetailedServerOptions;
export type Initial = nextServer.InitialProfile;
