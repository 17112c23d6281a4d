// Two projects: pure domain/unit specs beside the code, and e2e specs in test/ that need real
// PostgreSQL and Redis. test/setup/global-setup.ts creates a throwaway database per run.
const moduleNameMapper = {
  '^@redress/(.*)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  testTimeout: 30000,
  // A failing e2e suite can leave an app or a BullMQ worker open; without this Jest would wait for
  // it until CI's deadline instead of reporting the failure.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
