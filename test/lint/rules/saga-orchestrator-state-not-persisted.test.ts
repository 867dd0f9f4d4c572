import rule from '../../../language/src/lint/rules/saga-orchestrator-state-not-persisted.js';
import { ruleTester } from '../rule-tester.js';

const steps = `    step A.reserve compensate A.release\n    step B.charge`;

ruleTester(rule, {
    valid: [
        { name: 'the orchestrator writes its state', code: `service O { writes SagaDb }\ndatabase SagaDb\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}` },
        { name: 'a store reached by an arrow', code: `service O\nO -> SagaDb\ndatabase SagaDb\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}` },
        { name: 'a choreographed saga has no orchestrator', code: `broker Events : kafka\nservice A\nservice B\nsaga S choreographed over Events {\n${steps}\n}` },
        { name: 'a managed workflow engine', code: `service O : aws-step-functions { managed }\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}` }
    ],
    invalid: [
        {
            name: 'an orchestrator that only calls and reads',
            code: `service O { reads Db; calls A }\ndatabase Db\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}`,
            errors: [{ messageId: 'inMemory', line: 5, data: { saga: 'S', service: 'O' }, elements: ['S', 'O'] }]
        },
        {
            name: 'publishing events is not persisting state',
            code: `broker Events : kafka { topic t }\nservice O { publishes Events.t }\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}`,
            errors: [{ messageId: 'inMemory' }]
        },
        {
            name: 'reading a cache is not persisting state',
            code: `service O { reads K }\ncache K\nservice A\nservice B\nsaga S orchestrated by O {\n${steps}\n}`,
            errors: [{ messageId: 'inMemory', data: { saga: 'S', service: 'O' } }]
        }
    ]
});
