#!/usr/bin/env node
// `npm start`: the API and the worker together, for a first look on a developer machine.
// When AUTH_JWT_SECRET / API_KEYS are unset it makes throwaway ones for this run and prints
// ready-to-use credentials; in production set them in the environment and run start:prod:*.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const jwt = require('jsonwebtoken');

const env = { ...process.env };
const generatedSecret = !env.AUTH_JWT_SECRET;
if (generatedSecret) env.AUTH_JWT_SECRET = randomBytes(32).toString('base64url');
const generatedKey = !env.API_KEYS;
const demoKey = `dev-${randomBytes(16).toString('hex')}`;
if (generatedKey) env.API_KEYS = `demo-channel=${demoKey}`;
const port = env.PORT || '3000';

const runner = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const children = [];
let stopping = false;

function start(name, entry) {
  const child = spawn(process.execPath, [...runner, entry], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal || code}); stopping.`);
    stop(code || 1);
  });
  children.push(child);
  return child;
}

function stop(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

function waitForLive(deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/health/live', timeout: 1000 }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on('error', retry);
    };
    const retry = () => (Date.now() > deadline || stopping ? reject(new Error('the API did not come up')) : setTimeout(attempt, 300));
    attempt();
  });
}

function banner() {
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `Redress is running: ${base}   API docs: ${base}/docs   readiness: ${base}/health/ready`,
    `Database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${env.SQLITE_PATH || 'data/redress.sqlite'}`}`,
  ];
  if (generatedSecret) {
    lines.push('', 'Development bearer tokens (valid 12 h, signed with a secret made for this run only; staff demo-<role> of team demo-team):');
    for (const role of ['officer', 'supervisor', 'manager', 'analyst', 'admin']) {
      lines.push(`  ${role.padEnd(10)} ${devToken(role)}`);
    }
  }
  if (generatedKey) lines.push('', `Integration API key (X-API-Key) for client "demo-channel": ${demoKey}`);
  if (generatedKey) {
    lines.push(
      '',
      'Try it:',
      `  curl -s -X POST ${base}/v1/complaints -H 'X-API-Key: ${demoKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"channel":"phone","customer":{"id":"C-1","name":"Li Na","preferredLanguage":"zh"},"description":"信用卡被重复扣款","product":"credit_card","phone":{"callId":"c-1","agentId":"a-1"}}'`,
    );
  }
  console.log(lines.join('\n') + '\n');
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function devToken(role) {
  return jwt.sign({ roles: [role], teams: ['demo-team'] }, env.AUTH_JWT_SECRET, {
    algorithm: 'HS256', subject: `demo-${role}`, issuer: 'redress', expiresIn: '12h',
  });
}

// The printed tokens name staff and a team; without them in the register an officer's queue is
// empty and claim-next refuses, so a newcomer would meet a dead end. Existing entries (409) stay.
async function ensureDemoOrganisation() {
  const admin = devToken('admin');
  const post = async (path, body) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok && res.status !== 409) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  };
  await post('/v1/staff', { id: 'demo-supervisor', name: 'Demo Supervisor', email: 'supervisor@demo.invalid', roles: ['supervisor'] });
  await post('/v1/staff', { id: 'demo-manager', name: 'Demo Manager', email: 'manager@demo.invalid', roles: ['manager'] });
  // No categories: the team takes every complaint, so whatever a newcomer submits reaches the demo queue.
  await post('/v1/teams', { code: 'demo-team', name: 'Demo team', supervisorId: 'demo-supervisor', managerId: 'demo-manager', categories: [] });
  await post('/v1/staff', { id: 'demo-officer', name: 'Demo Officer', email: 'officer@demo.invalid', roles: ['officer'], teams: ['demo-team'], capacity: 25 });
}

// The API migrates the database first; the worker starts once the API is up.
start('api', 'apps/api/src/main.ts');
waitForLive(Date.now() + 120_000)
  .then(async () => {
    start('worker', 'apps/worker/src/main.ts');
    if (generatedSecret) await ensureDemoOrganisation();
    banner();
  })
  .catch((error) => {
    if (!stopping) {
      console.error(error.message);
      stop(1);
    }
  });
