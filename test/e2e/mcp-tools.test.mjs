// @ts-check
/**
 * The Smile ID node as an AI agent's tool, in REAL n8n (each line under test), through n8n's
 * MCP Server Trigger and the official MCP client, no language model: the example
 * examples/ai-agent-kyc-tools.json (MCP Server Trigger with Bearer Auth + the Smile ID Tool
 * nodes Look Up, Job Status and Create a Verification Link) imports and activates, then
 *
 * 1. tools/list: the tool names, the package's tool descriptions (what it does, billed or
 *    free, what a repeat returns) and the input schemas the $fromAI() parameters make;
 * 2. Look Up, Job Status and Create a Verification Link against the simulator: the answers
 *    are the simulator's results, small (no `raw`) and without the authority's base64 photo;
 * 3. the same Look Up again (a new MCP call, so a new execution) creates no second job: the
 *    simulator's job count stays, and the answer is the first job's, read with Job Status;
 * 4. bad input is refused before anything billed is sent, with a message naming the field.
 *
 * Where a line's n8n lacks the MCP Server Trigger the tests are skipped with the reason.
 *
 * Run: node test/e2e/run.mjs --line 2 mcp-tools   (or --line 1)
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { startSim } from './lib/sim.mjs';

const require = createRequire(import.meta.url);
const { toolDescriptionOf } = require(
	path.join(REPO_ROOT, 'dist', 'nodes', 'SmileId', 'actions', 'toolProperties.js'),
);

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'ai-agent-kyc-tools.json');
const EXAMPLE_N8N_URL = 'http://localhost:5678';
const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';
const MCP_PATH = 'smile-id-kyc';
const TOKEN = `mcp-e2e-${Date.now()}`;

const LOOK_UP = 'Look_up_an_ID_number';
const JOB_STATUS = 'Get_the_status_of_a_job';
const CREATE_LINK = 'Create_a_verification_link';

/** The start of a JPEG's base64 text: the authority's photo must never reach the model. */
const JPEG_BASE64 = '/9j/';

/** @param {any} result an MCP tools/call result @returns {any} the tool's first item */
function answerOf(result) {
	assert.ok(!result.isError, `the tool call succeeded: ${result.content?.[0]?.text}`);
	const items = JSON.parse(result.content[0].text);
	assert.ok(Array.isArray(items) && items.length === 1, 'one item per call');
	return items[0];
}

for (const line of linesUnderTest()) {
	describe(
		`n8n ${line}.x: Smile ID tools through the MCP Server Trigger`,
		{ timeout: 600_000 },
		() => {
			/** @type {import('./lib/n8n.mjs').N8nInstance} */
			let n8n;
			/** @type {any} */
			let sim;
			/** @type {Client} */
			let client;
			/** Why this line cannot run the tests, or '' */
			let lacking = '';
			/** @type {any} the first Look Up's answer */
			let lookedUp;
			/** @type {Record<'smileId'|'bearer', {id: string, name: string}>} what the example was imported with */
			let credentials = { smileId: { id: '', name: '' }, bearer: { id: '', name: '' } };

			const lookUpArgs = {
				userId: `approved-mcp-${line}-${Date.now()}`,
				country: 'NG',
				idType: 'BVN',
				idNumber: '00000000000',
				consent: true,
			};

			/** @param {string} name @param {Record<string, unknown>} args */
			const call = (name, args) => client.callTool({ name, arguments: args });

			before(async () => {
				sim = await startSim({ partnerId: '085' });
				n8n = await startN8nWithPackage(line);
				console.log(`# n8n ${n8n.version} on node ${n8n.nodeVersion} (${n8n.baseUrl})`);
				const types = /** @type {any[]} */ (await n8n.nodeTypes());
				if (!types.some((t) => t.name === MCP_TRIGGER)) {
					lacking = `n8n ${n8n.version} has no MCP Server Trigger (${MCP_TRIGGER})`;
					return;
				}
				assert.ok(
					types.some((t) => t.name === n8n.resolveType('n8n-nodes-smileid.smileIdTool')),
					'n8n made the Smile ID Tool variant from usableAsTool',
				);
			});

			after(async () => {
				await client?.close().catch(() => {});
				await n8n?.stop();
				await sim?.stop();
			});

			test('the example imports with its credentials and activates; the MCP endpoint answers', async (t) => {
				if (lacking) return t.skip(lacking);
				const cred = await n8n.createSmileIdCredential(
					sim.credentials,
					'Smile ID (local simulator)',
				);
				const bearer = await n8n.createCredential({
					name: 'MCP bearer token (local)',
					type: 'httpBearerAuth',
					data: { token: TOKEN },
				});
				const text = fs.readFileSync(EXAMPLE, 'utf8').replaceAll(EXAMPLE_N8N_URL, n8n.baseUrl);
				assert.ok(!text.includes('localhost:'), 'the example names no other local port');
				const wf = await n8n.createWorkflow(JSON.parse(text), {
					credential: cred,
					otherCredentials: { httpBearerAuth: bearer },
				});
				credentials = { smileId: cred, bearer };
				await n8n.activateWorkflow(wf);
				assert.ok(
					(await n8n.rest('GET', '/active-workflows')).includes(wf.id),
					'the example is active',
				);
				await n8n.waitForWebhook(MCP_PATH, 'POST', { prefix: 'mcp' });

				const anonymous = await fetch(`${n8n.baseUrl}/mcp/${MCP_PATH}`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						accept: 'application/json, text/event-stream',
					},
					body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
				});
				assert.equal(anonymous.status, 403, 'no bearer token, no tools');

				client = new Client({ name: 'smileid-e2e', version: '1.0.0' });
				await client.connect(
					new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${MCP_PATH}`), {
						requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
					}),
				);
			});

			test('tools/list: names, the package descriptions (billed or free, repeats) and input schemas', async (t) => {
				if (lacking) return t.skip(lacking);
				const { tools } = await client.listTools();
				const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
				assert.deepEqual(Object.keys(byName).sort(), [CREATE_LINK, JOB_STATUS, LOOK_UP]);

				assert.equal(byName[LOOK_UP].description, toolDescriptionOf('idNumber', 'lookUp'));
				assert.match(byName[LOOK_UP].description ?? '', /^Look up a person's ID number/);
				assert.match(
					byName[LOOK_UP].description ?? '',
					/Billed: .* Repeating a call with the same arguments within the repeat window \(default: the same UTC day\) creates no new job and returns the first call's result/,
				);
				assert.equal(byName[JOB_STATUS].description, toolDescriptionOf('job', 'getStatus'));
				assert.match(
					byName[JOB_STATUS].description ?? '',
					/Free: creates no job and costs nothing\.$/,
				);
				assert.equal(byName[CREATE_LINK].description, toolDescriptionOf('link', 'create'));
				assert.match(byName[CREATE_LINK].description ?? '', /Creating the link creates no job/);

				/** @param {string} name */
				const schemaOf = (name) => /** @type {any} */ (byName[name].inputSchema);
				const lookUpSchema = schemaOf(LOOK_UP);
				assert.equal(lookUpSchema.type, 'object');
				const lookUpArgNames = ['consent', 'country', 'idNumber', 'idType', 'userId'];
				assert.deepEqual(Object.keys(lookUpSchema.properties).sort(), lookUpArgNames);
				assert.deepEqual([...lookUpSchema.required].sort(), lookUpArgNames);
				assert.equal(lookUpSchema.properties.consent.type, 'boolean');
				assert.deepEqual(lookUpSchema.properties.country, {
					type: 'string',
					description: 'Two-letter ISO code of the country that issued the ID, e.g. NG',
				});
				assert.match(lookUpSchema.properties.idType.description, /BVN, NIN_V2, GHANA_CARD/);
				assert.deepEqual(Object.keys(schemaOf(JOB_STATUS).properties).sort(), ['jobId', 'userId']);
				assert.deepEqual(Object.keys(schemaOf(CREATE_LINK).properties), ['userId']);
			});

			test('Look Up: the authority record, small, without the photo', async (t) => {
				if (lacking) return t.skip(lacking);
				const before = sim.stats();
				lookedUp = answerOf(await call(LOOK_UP, lookUpArgs));
				assert.equal(lookedUp.outcome, 'approved');
				assert.equal(lookedUp.resultCode, '1012');
				assert.equal(lookedUp.userId, lookUpArgs.userId);
				assert.match(lookedUp.jobId, /^n8n-tool-[0-9a-f]{40}$/, 'a job ID made from the call');
				assert.equal(lookedUp.personalInfo?.idNumber, lookUpArgs.idNumber);
				assert.ok(!('raw' in lookedUp), 'no raw unless asked for');
				const text = JSON.stringify(lookedUp);
				assert.ok(!text.includes(JPEG_BASE64), 'no base64 image');
				assert.ok(text.length < 8000, `small enough for a model (${text.length} characters)`);
				const now = sim.stats();
				assert.equal(now.jobs - before.jobs, 1, 'one job');
				assert.equal(now.idVerificationCalls - before.idVerificationCalls, 1);
			});

			test('the same Look Up again (a separate MCP call) creates no second job and returns the first', async (t) => {
				if (lacking) return t.skip(lacking);
				const before = sim.stats();
				const repeat = answerOf(await call(LOOK_UP, { ...lookUpArgs }));
				const now = sim.stats();
				assert.equal(now.jobs, before.jobs, 'no second job');
				assert.equal(
					now.jobStatusCalls - before.jobStatusCalls,
					1,
					'the first job read with Job Status',
				);
				assert.equal(repeat.repeatedCall, true);
				assert.match(repeat.note, /No new job was created or billed/);
				for (const field of [
					'jobId',
					'userId',
					'smileJobId',
					'outcome',
					'resultCode',
					'resultText',
				]) {
					assert.equal(repeat[field], lookedUp[field], field);
				}
				const requests = /** @type {any[]} */ (
					await (await fetch(`${sim.url}/__sim/requests?path=/v1/id_verification`)).json()
				).filter((r) => r.body?.partner_params?.job_id === lookedUp.jobId);
				assert.deepEqual(
					requests.map((r) => [r.status, r.response?.code]),
					[
						[200, undefined],
						[400, '2215'],
					],
					'the repeat reached Smile ID with the same job ID and met "job already exists"',
				);
				assert.ok(!JSON.stringify(repeat).includes(JPEG_BASE64), 'no base64 image');
			});

			test('Job Status: the Look Up job, without the base64 photo of raw.result', async (t) => {
				if (lacking) return t.skip(lacking);
				const jobInSim = await (await fetch(`${sim.url}/__sim/jobs/${lookedUp.jobId}`)).json();
				assert.ok(
					JSON.stringify(jobInSim).includes(JPEG_BASE64),
					'the simulator holds a photo for the job',
				);
				const status = answerOf(
					await call(JOB_STATUS, { userId: lookedUp.userId, jobId: lookedUp.jobId }),
				);
				assert.equal(status.jobComplete, true);
				assert.equal(status.outcome, 'approved');
				assert.equal(status.resultCode, '1012');
				assert.equal(status.smileJobId, lookedUp.smileJobId);
				assert.ok(!('raw' in status));
				assert.ok(!JSON.stringify(status).includes(JPEG_BASE64), 'no base64 image');
			});

			test('Create a Verification Link: a single-use link for the user', async (t) => {
				if (lacking) return t.skip(lacking);
				const before = sim.stats();
				const userId = `approved-link-${line}-${Date.now()}`;
				const link = answerOf(await call(CREATE_LINK, { userId }));
				assert.match(link.link, new RegExp(`^${sim.url.replace(/\/$/, '')}/__links/`));
				assert.equal(typeof link.refId, 'string');
				assert.equal(link.userId, userId);
				assert.equal(link.isSingleUse, true);
				assert.equal(sim.stats().smileLinksCreated - before.smileLinksCreated, 1);
			});

			test('bad input is refused before anything billed is sent, naming the field and the fix', async (t) => {
				if (lacking) return t.skip(lacking);
				const before = sim.stats();
				const shortBvn = await call(LOOK_UP, { ...lookUpArgs, idNumber: '12345' });
				assert.equal(shortBvn.isError, true);
				const text = String(/** @type {any} */ (shortBvn.content)[0].text);
				assert.match(text, /ID Number/);
				assert.match(text, /11/);
				const noConsent = await call(LOOK_UP, { ...lookUpArgs, consent: false });
				assert.equal(noConsent.isError, true);
				assert.match(
					String(/** @type {any} */ (noConsent.content)[0].text),
					/Consent Given: Smile ID requires the person's consent to look up BVN in NG/,
				);
				const unknownType = await call(LOOK_UP, { ...lookUpArgs, idType: 'NO_SUCH_ID' });
				assert.equal(unknownType.isError, true);
				assert.match(String(/** @type {any} */ (unknownType.content)[0].text), /NO_SUCH_ID/);
				const now = sim.stats();
				assert.equal(now.idVerificationCalls, before.idVerificationCalls, 'no lookup sent');
				assert.equal(now.jobs, before.jobs, 'no job');
			});

			test('AML Screen and Document Verification as tools: a repeated call creates no second job', async (t) => {
				if (lacking) return t.skip(lacking);
				const trigger = structuredClone(
					JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')).nodes.find(
						(/** @type {any} */ n) => n.type === MCP_TRIGGER,
					),
				);
				const morePath = `smile-id-more-${line}`;
				trigger.parameters.path = morePath;
				const tool = (
					/** @type {string} */ name,
					/** @type {Record<string, unknown>} */ parameters,
				) => ({
					name,
					type: 'n8n-nodes-smileid.smileIdTool',
					typeVersion: 1,
					position: [0, 0],
					parameters,
					credentials: { smileIdApi: credentials.smileId },
				});
				const userIdArg =
					"={{ $fromAI('userId', 'The ID your own system uses for the person', 'string') }}";
				const tools = [
					tool('Screen a person', {
						resource: 'aml',
						operation: 'screen',
						userId: userIdArg,
						fullName: "={{ $fromAI('fullName', 'The full name of the person', 'string') }}",
						birthYear: '',
						countries: 'NG',
						options: {},
					}),
					tool('Verify a document', {
						resource: 'document',
						operation: 'verify',
						userId: userIdArg,
						country: 'NG',
						idType: 'PASSPORT',
						imageSource: 'url',
						selfie: "={{ $fromAI('selfieUrl', 'Web address of the selfie JPEG', 'string') }}",
						idCardFront:
							"={{ $fromAI('idCardFrontUrl', 'Web address of the document front JPEG', 'string') }}",
						idCardBack: '',
						livenessImages: '',
						callbackUrl: `${n8n.baseUrl}/webhook/no-such-callback`,
						options: {},
					}),
				];
				const wf = await n8n.createWorkflow(
					{
						name: `Smile ID more tools ${line}.x`,
						nodes: [{ ...trigger, id: undefined, webhookId: crypto.randomUUID() }, ...tools],
						connections: Object.fromEntries(
							tools.map((n) => [
								n.name,
								{ ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] },
							]),
						),
					},
					{
						credential: credentials.smileId,
						otherCredentials: { httpBearerAuth: credentials.bearer },
					},
				);
				await n8n.activateWorkflow(wf);
				await n8n.waitForWebhook(morePath, 'POST', { prefix: 'mcp' });
				const more = new Client({ name: 'smileid-e2e-more', version: '1.0.0' });
				await more.connect(
					new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${morePath}`), {
						requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
					}),
				);
				try {
					/** Calls a tool twice with the same arguments; the second answer must be the first job's. @param {string} name @param {Record<string, unknown>} args @param {string} path */
					const twice = async (name, args, path) => {
						const before = sim.stats();
						const first = answerOf(await more.callTool({ name, arguments: args }));
						const again = answerOf(await more.callTool({ name, arguments: { ...args } }));
						assert.equal(sim.stats().jobs - before.jobs, 1, `${name}: one job for two calls`);
						assert.match(first.jobId, /^n8n-tool-[0-9a-f]{40}$/);
						assert.equal(again.jobId, first.jobId);
						// a job still being processed has no result yet, so Job Status names no Smile ID job
						if (again.jobComplete) assert.equal(again.smileJobId, first.smileJobId);
						else assert.equal(again.outcome, 'pending');
						assert.equal(again.repeatedCall, true);
						const sent = /** @type {any[]} */ (
							await (await fetch(`${sim.url}/__sim/requests?path=${path}`)).json()
						).filter((r) => JSON.stringify(r.body ?? {}).includes(first.jobId));
						assert.deepEqual(
							sent.map((r) => r.status),
							[200, 400],
							`${name}: the repeat met "job already exists"`,
						);
						assert.equal(sent[1].response?.code, '2215');
						return { first, again };
					};
					const aml = await twice(
						'Screen_a_person',
						{ userId: `approved-aml-${line}-${Date.now()}`, fullName: 'John Leo Doe' },
						'/v1/aml',
					);
					assert.equal(aml.again.resultCode, aml.first.resultCode);
					await twice(
						'Verify_a_document',
						{
							userId: `approved-doc-${line}-${Date.now()}`,
							selfieUrl: `${sim.url}/__samples/selfie.jpg`,
							idCardFrontUrl: `${sim.url}/__samples/id_card_front.jpg`,
						},
						'/v1/upload',
					);
				} finally {
					await more.close().catch(() => {});
				}
			});
		},
	);
}
