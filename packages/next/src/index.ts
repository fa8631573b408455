export * from '@ninetailed/experience.js-react';
