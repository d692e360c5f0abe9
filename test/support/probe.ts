export { eventually } from '@fidu/service-kit/testing';
